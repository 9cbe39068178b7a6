package org.prunedistill.claimcheck;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;

/**
 * User content as an error message may show it: quoted, at most {@value #MAX_CHARACTERS} characters (the rest
 * counted, not shown), control characters and line breaks as {@code ?}. A refused input's message names the input,
 * the line or offset and the rule; what it quotes of the input is only ever this much, so a failure served to anyone
 * who may read the run cannot carry a file's content, and a crafted value cannot forge lines in a log.
 */
public final class Excerpt {

    /** The most characters of user content a message shows. */
    public static final int MAX_CHARACTERS = 40;

    private Excerpt() {
    }

    /**
     * A JSON parser factory whose error messages quote at most {@value #MAX_CHARACTERS} characters of a bad token and
     * none of the raw document (Jackson's default quotes up to 256 and 500).
     */
    public static JsonFactory jsonFactory() {
        return JsonFactory.builder().errorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(MAX_CHARACTERS).maxRawContentLength(0).build()).build();
    }

    /** {@code 'text'}, or {@code 'first 40 characters...' (N characters)} when longer. */
    public static String of(Object content) {
        String text = String.valueOf(content);
        int shown = Math.min(text.length(), MAX_CHARACTERS);
        StringBuilder excerpt = new StringBuilder(shown + 32).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            excerpt.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        excerpt.append('\'');
        if (text.length() > shown) {
            excerpt.insert(excerpt.length() - 1, "...").append(" (").append(text.length()).append(" characters)");
        }
        return excerpt.toString();
    }
}
