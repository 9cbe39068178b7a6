package org.prunedistill.extraction.recording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the one kind of {@code .npy} array claim-check's numeric {@code Npy} reader refuses and recordings carry:
 * fixed-width text ({@code <U n}, UTF-32, as {@code numpy.array("rat1")} gives; {@code |S n}, bytes), 0-d or 1-d,
 * for unit identifiers and session names. Trailing NUL padding is removed, as NumPy does.
 */
final class NpyText {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([US])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d*)\\s*,?\\s*\\)");
    private static final int PREAMBLE = 10;

    private NpyText() {
    }

    /** Whether the bytes are a {@code .npy} file holding a text dtype (the header says {@code U} or {@code S}). */
    static boolean isText(byte[] bytes) {
        String header = header(bytes);
        return header != null && DESCR.matcher(header).find();
    }

    /** The strings of a 0-d (one string) or 1-d text array. */
    static List<String> read(byte[] bytes, String source) {
        String header = header(bytes);
        Matcher descr = header == null ? null : DESCR.matcher(header);
        if (descr == null || !descr.find()) {
            throw new RecordingFormatException(source, "not a text (<U or |S) .npy array");
        }
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new RecordingFormatException(source, "text array must be 0-d or 1-d, header: " + header.strip());
        }
        boolean unicode = descr.group(2).equals("U");
        long count = shape.group(1).isEmpty() ? 1 : number(shape.group(1), source);
        long width = number(descr.group(3), source) * (unicode ? 4 : 1);
        if (width == 0) {
            throw new RecordingFormatException(source, "text array of width 0 (" + descr.group() + ")");
        }
        int start = payloadStart(bytes);
        if (count * width != bytes.length - start) {
            throw new RecordingFormatException(source, "text array of " + count + " x " + width + " bytes, "
                    + (bytes.length - start) + " bytes present");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Charset charset = !unicode ? StandardCharsets.ISO_8859_1
                : order == ByteOrder.BIG_ENDIAN ? Charset.forName("UTF-32BE") : Charset.forName("UTF-32LE");
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = new String(bytes, start + i * (int) width, (int) width, charset);
            int end = value.length();
            while (end > 0 && value.charAt(end - 1) == '\0') {
                end--;
            }
            strings.add(value.substring(0, end));
        }
        return strings;
    }

    private static long number(String digits, String source) {
        if (digits.length() > 9) {
            throw new RecordingFormatException(source, "text array dimension " + digits + " is out of range");
        }
        return Long.parseLong(digits);
    }

    private static String header(byte[] bytes) {
        if (bytes.length < PREAMBLE || bytes[0] != (byte) 0x93 || bytes[1] != 'N') {
            return null;
        }
        int start = payloadStart(bytes);
        if (start < 0 || start > bytes.length) {
            return null;
        }
        int headerStart = bytes[6] == 1 ? PREAMBLE : PREAMBLE + 2;
        return new String(bytes, headerStart, start - headerStart, StandardCharsets.ISO_8859_1);
    }

    private static int payloadStart(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[6] == 1) {
            return PREAMBLE + Short.toUnsignedInt(buffer.getShort(8));
        }
        if (bytes.length < PREAMBLE + 2) {
            return -1;
        }
        long length = Integer.toUnsignedLong(buffer.getInt(8));
        return length > bytes.length ? -1 : PREAMBLE + 2 + (int) length;
    }
}
