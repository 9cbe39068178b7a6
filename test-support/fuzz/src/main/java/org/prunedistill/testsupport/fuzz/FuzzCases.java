package org.prunedistill.testsupport.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded mutation fuzzing for the file parsers, with plain JUnit 5 (no property-testing library).
 *
 * <p>Each case derives its own {@link Random} from the run seed and the case index, so a failure message naming both
 * reproduces exactly one input. A case mutates one of the valid seed inputs 1 to 4 times (bit flips, byte set to an
 * extreme, insertion, deletion, truncation, duplication, a little-endian int or long overwritten with -1, 2^31 or
 * 2^63-1, a decimal number in the text replaced by an extreme such as 2^31, 2^63 or -1, a token spliced in) or, with
 * {@link #run(String, int, Function, Parser, Outcome)}, takes a whole input from a generator. The parser must either
 * accept the input or throw the documented exception, with a message; anything else (index, null-pointer,
 * negative-size, arithmetic exceptions, errors such as OutOfMemoryError), a case running longer than
 * {@link #CASE_TIMEOUT} or allocating more than {@link #allocationBound(int)} fails the test naming seed and case.
 *
 * <p>System properties: {@code pd.fuzz.cases} (cases per parser, default a few hundred so CI stays well under 10 s per
 * test), {@code pd.fuzz.seed} (run seed, default {@value #DEFAULT_SEED}).
 */
public final class FuzzCases {

    public static final long DEFAULT_SEED = 20221128L;
    public static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);
    /** Extremes for header numbers: negative, int overflow, long overflow, beyond long. */
    public static final List<String> EXTREME_NUMBERS = List.of("-1", "0", "2147483647", "2147483648", "4294967296",
            "9223372036854775807", "9223372036854775808", "99999999999999999999", "-2147483648", "1e309", "NaN");
    private static final long[] EXTREME_WORDS = {-1L, 0L, 1L << 31, Integer.MAX_VALUE, Long.MAX_VALUE, 1L << 62};
    private static final long MIN_ALLOCATION_BOUND = 64L << 20;
    private static final int ALLOCATION_FACTOR = 2048;

    private FuzzCases() {
    }

    /** Parses one input; any throwable is judged by {@link Outcome}. */
    @FunctionalInterface
    public interface Parser {
        void parse(byte[] input) throws Exception;
    }

    /** Whether a throwable is the parser's documented, clear refusal. */
    @FunctionalInterface
    public interface Outcome {
        boolean documented(Throwable thrown);
    }

    /** The documented refusal: an instance of {@code type} whose message starts with {@code prefix}. */
    public static Outcome refusal(Class<? extends Exception> type, String prefix) {
        return thrown -> type.isInstance(thrown) && thrown.getMessage() != null
                && thrown.getMessage().startsWith(prefix) && thrown.getMessage().length() > prefix.length() + 2;
    }

    public static int cases(int defaultCount) {
        return Integer.getInteger("pd.fuzz.cases", defaultCount);
    }

    public static long seed() {
        return Long.getLong("pd.fuzz.seed", DEFAULT_SEED);
    }

    /** A case may allocate at most 64 MiB or 2048 bytes per input byte (deflate expands at most ~1032:1). */
    public static long allocationBound(int inputLength) {
        return Math.max(MIN_ALLOCATION_BOUND, (long) ALLOCATION_FACTOR * inputLength);
    }

    /** Fuzzes {@code parser} with mutations of the seed inputs. */
    public static void mutate(String what, List<byte[]> seeds, List<String> tokens, int defaultCases, Parser parser,
                              Outcome outcome) {
        run(what, defaultCases, random -> mutate(seeds.get(random.nextInt(seeds.size())), tokens, random), parser,
                outcome);
    }

    /** Fuzzes {@code parser} with inputs drawn from {@code generator}. */
    public static void run(String what, int defaultCases, Function<Random, byte[]> generator, Parser parser,
                           Outcome outcome) {
        long seed = seed();
        int cases = cases(defaultCases);
        for (int i = 0; i < cases; i++) {
            byte[] input = generator.apply(new Random(seed * 1_000_003L + i));
            String name = what + ": seed " + seed + " case " + i + " (" + input.length + " bytes, starting "
                    + HexFormat.ofDelimiter(" ").formatHex(input, 0, Math.min(input.length, 32)) + ")";
            Throwable thrown = assertTimeoutPreemptively(CASE_TIMEOUT, () -> attempt(parser, input),
                    () -> name + " did not finish within " + CASE_TIMEOUT);
            if (thrown instanceof AllocationExceeded exceeded) {
                fail(name + ": " + exceeded.getMessage());
            }
            if (thrown != null && !outcome.documented(thrown)) {
                fail(name + " threw an undocumented " + thrown, thrown);
            }
        }
    }

    private static Throwable attempt(Parser parser, byte[] input) {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long before = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            parser.parse(input);
        } catch (Throwable t) { // judged by the caller, OutOfMemoryError and StackOverflowError included
            thrown = t;
        }
        if (threads != null) {
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (allocated > allocationBound(input.length)) {
                return new AllocationExceeded("allocated " + allocated + " bytes for a " + input.length
                        + "-byte input (bound " + allocationBound(input.length) + "), outcome " + thrown);
            }
        }
        return thrown;
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads;
        }
        return null;
    }

    private static final class AllocationExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AllocationExceeded(String message) {
            super(message);
        }
    }

    /** One to four random mutations of {@code seed}. */
    public static byte[] mutate(byte[] seed, List<String> tokens, Random random) {
        byte[] bytes = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int round = 0; round < rounds; round++) {
            bytes = mutateOnce(bytes, tokens, random);
        }
        return bytes;
    }

    private static byte[] mutateOnce(byte[] bytes, List<String> tokens, Random random) {
        int n = bytes.length;
        int at = n == 0 ? 0 : random.nextInt(n);
        switch (random.nextInt(9)) {
            case 0 -> {
                if (n > 0) {
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> {
                if (n > 0) {
                    bytes[at] = new byte[] {0, (byte) 0xFF, 0x7F, (byte) 0x80, '9', ','}[random.nextInt(6)];
                }
                return bytes;
            }
            case 2 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return splice(bytes, at, 0, inserted);
            }
            case 3 -> {
                return splice(bytes, at, Math.min(n - at, 1 + random.nextInt(16)), new byte[0]);
            }
            case 4 -> {
                return java.util.Arrays.copyOf(bytes, n == 0 ? 0 : random.nextInt(n));
            }
            case 5 -> {
                int length = Math.min(n - at, 1 + random.nextInt(64));
                return splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, at, at + length));
            }
            case 6 -> {
                long word = EXTREME_WORDS[random.nextInt(EXTREME_WORDS.length)];
                int width = random.nextBoolean() ? 4 : 8;
                for (int b = 0; b < width && at + b < n; b++) {
                    bytes[at + b] = (byte) (word >>> (8 * b));
                }
                return bytes;
            }
            case 7 -> {
                return replaceNumber(bytes, random);
            }
            default -> {
                List<String> pool = tokens.isEmpty() ? EXTREME_NUMBERS : tokens;
                return splice(bytes, at, 0, pool.get(random.nextInt(pool.size())).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Replaces one run of decimal digits (with its sign) by an extreme number; unchanged when there is none. */
    public static byte[] replaceNumber(byte[] bytes, Random random) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (Character.isDigit(bytes[i])) {
                int start = i > 0 && bytes[i - 1] == '-' ? i - 1 : i;
                while (i < bytes.length && Character.isDigit(bytes[i])) {
                    i++;
                }
                runs.add(new int[] {start, i});
            }
        }
        if (runs.isEmpty()) {
            return bytes;
        }
        int[] run = runs.get(random.nextInt(runs.size()));
        String extreme = EXTREME_NUMBERS.get(random.nextInt(EXTREME_NUMBERS.size()));
        return splice(bytes, run[0], run[1] - run[0], extreme.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }
}
