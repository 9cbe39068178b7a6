package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void quotesShortContentAsItIs() {
        assertEquals("'o2v3'", Excerpt.of("o2v3"));
        assertEquals("'1.5'", Excerpt.of(1.5));
    }

    @Test
    void showsAtMostFortyCharactersAndCountsTheRest() {
        String line = "root:x:0:0:root:/root:/bin/bash".repeat(10);
        assertEquals("'" + line.substring(0, 40) + "...' (310 characters)", Excerpt.of(line));
    }

    @Test
    void replacesLineBreaksAndControlCharacters() {
        assertEquals("'a?b?c?d'", Excerpt.of("a\nb\rc\u001bd"));
    }
}
