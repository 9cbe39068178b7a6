package org.prunedistill.messaging;

import java.util.regex.Pattern;

/** The grammar of run ids, shared by results-api (which refuses any other at submission) and the consumers. */
public final class RunIds {

    public static final int MAX_LENGTH = 64;
    /** 1-64 letters, digits, '-' or '_': never a '/', so a source key's first segment is its run id. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private RunIds() {
    }

    public static boolean isRunId(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
