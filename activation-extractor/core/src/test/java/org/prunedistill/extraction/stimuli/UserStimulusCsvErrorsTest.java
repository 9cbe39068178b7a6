package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A refused metadata CSV is named with its line and rule; what it quotes of the file is a short excerpt. */
class UserStimulusCsvErrorsTest {

    /** Looks like a line of a file a submitter should never see, and is far longer than an excerpt. */
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash/" + "s3cr3t".repeat(40);

    @Test
    void aHeaderThatIsNotTheCsvsNamesTheLineAndQuotesFortyCharactersAtMost() {
        IllegalArgumentException e = refused(SECRET + "\n" + SECRET + "\n");
        assertTrue(e.getMessage().startsWith("images.csv: line 1: unknown column "
                + "'root:x:0:0:root:/root:/bin/bash/s3cr3ts3...'"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3ts3cr3ts3cr3t"), "no more of the file than the excerpt");
    }

    @Test
    void aBadValueIsQuotedShortAndWithoutControlCharacters() {
        String value = "\u001b[2J" + SECRET;  // a terminal escape first, then the long text
        IllegalArgumentException e = refused("id,file,object,axis,value\no1,a.png,cube,size,\"" + value + "\"\n");
        assertTrue(e.getMessage().startsWith("images.csv: line 2 (id 'o1'): value must be a finite number, was "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), "a value cannot drive the terminal that shows the message");
        assertTrue(e.getMessage().endsWith("was '?[2Jroot:x:0:0:root:/root:/bin/bash/s3cr...' ("
                + value.length() + " characters)"), e.getMessage());
    }

    @Test
    void aShortValueReadsAsBefore() {
        IllegalArgumentException e = refused("id,file,object,axis,value\no1,a.png,cube,tilt,1\n");
        assertEquals("images.csv: line 2 (id 'o1'): axis must be one of " + org.prunedistill.claimcheck.stimuli
                .StimulusCondition.AXES + ", was 'tilt'", e.getMessage());
    }

    private static IllegalArgumentException refused(String csv) {
        return assertThrows(IllegalArgumentException.class,
                () -> UserStimulusCsv.parse(csv.getBytes(StandardCharsets.UTF_8), "images.csv"));
    }
}
