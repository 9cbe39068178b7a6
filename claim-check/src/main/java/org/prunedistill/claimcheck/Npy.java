package org.prunedistill.claimcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0).
 *
 * <p>Writing always produces version 1.0, little-endian float32, C order: the claim-check tensor format, loadable by
 * {@code numpy.load}. Reading accepts every real numeric dtype NumPy writes (float16/32/64, int8..int64,
 * uint8..uint64, bool) in either byte order and in C or Fortran order (returned in C order), and refuses object
 * arrays, structured and complex dtypes and files whose payload is shorter or longer than the header promises,
 * naming the source and the rule.
 *
 * <p>Format reference: NumPy Enhancement Proposal 1, "A simple file format for NumPy arrays".
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int HEADER_ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern STRUCTURED = Pattern.compile("'descr'\\s*:\\s*\\[");

    private Npy() {
    }

    /** Encodes an array as a version 1.0 {@code .npy} file of little-endian float32 values in C order. */
    public static byte[] write(FloatTensor array) {
        byte[] header = header(array.shape());
        float[] data = array.data();
        ByteBuffer buffer = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(header);
        buffer.asFloatBuffer().put(data);
        return buffer.array();
    }

    /** Writes an array to a file as float32 {@code .npy}. */
    public static void write(FloatTensor array, Path file) {
        try {
            Files.write(file, write(array));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads a {@code .npy} file. */
    public static FloatTensor read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return read(bytes, file.toString());
    }

    /**
     * Decodes a {@code .npy} file held in memory.
     *
     * @param bytes  the whole file
     * @param source what to name in error messages (a path or an object key)
     * @throws NpyFormatException if the bytes are not a complete, supported {@code .npy} file
     */
    public static FloatTensor read(byte[] bytes, String source) {
        Header header = Header.parse(bytes, source);
        ByteBuffer buffer = header.payload(bytes);
        float[] data = new float[header.count()];
        COrder order = new COrder(header.shape, header.fortranOrder);
        for (int i = 0; i < data.length; i++) {
            data[order.next()] = (float) header.dtype.read(buffer);
        }
        return new FloatTensor(header.shape, data, header.dtype.descr);
    }

    /**
     * Decodes a {@code .npy} file keeping double precision, for float64 reference data and exact comparisons.
     *
     * @return the shape (outermost first) and the values in C order
     * @throws NpyFormatException if the bytes are not a complete, supported {@code .npy} file
     */
    public static Doubles readDoubles(byte[] bytes, String source) {
        Header header = Header.parse(bytes, source);
        ByteBuffer buffer = header.payload(bytes);
        double[] data = new double[header.count()];
        COrder order = new COrder(header.shape, header.fortranOrder);
        for (int i = 0; i < data.length; i++) {
            data[order.next()] = header.dtype.read(buffer);
        }
        return new Doubles(header.shape, data);
    }

    /**
     * Reads an array a user hands in, keeping double precision: a {@code .npy} file, or an array of a {@code .npz}
     * ({@code numpy.savez}, compressed or not): its only member, or the member named as {@code FILE.npz:NAME}.
     */
    public static Doubles readDoubles(Path file) {
        Path archive = file;
        String member = null;
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int colon = name.lastIndexOf(':');
        if (!Files.exists(file) && colon > 0) {
            archive = file.resolveSibling(name.substring(0, colon));
            member = name.substring(colon + 1);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive, e);
        }
        if (Npz.isArchive(bytes)) {
            byte[] array = Npz.member(bytes, archive.toString(), member);
            return readDoubles(array, archive + (member == null ? "" : ":" + member));
        }
        if (member != null) {
            throw new NpyFormatException(archive.toString(), "is not a .npz archive, so it has no member "
                    + Excerpt.of(member));
        }
        return readDoubles(bytes, archive.toString());
    }

    /** An array in double precision: shape outermost first, values in C order. */
    public record Doubles(int[] shape, double[] data) {
    }

    /**
     * Where each element of the file goes in C order: the next index in the file's own order, C (the identity) or
     * Fortran (first axis fastest), walked with a counter per axis, so no second copy of the array is needed.
     */
    private static final class COrder {
        private final int[] shape;
        private final long[] stride;
        private final int[] position;
        private final boolean fortran;
        private long next;

        COrder(int[] shape, boolean fortran) {
            this.shape = shape;
            this.fortran = fortran && shape.length > 1;
            this.stride = new long[shape.length];
            this.position = new int[shape.length];
            long step = 1;
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                stride[axis] = step;
                step *= shape[axis];
            }
        }

        int next() {
            if (!fortran) {
                return (int) next++;
            }
            int index = (int) next;
            for (int axis = 0; axis < shape.length; axis++) {
                if (++position[axis] < shape[axis]) {
                    next += stride[axis];
                    return index;
                }
                next -= stride[axis] * (shape[axis] - 1);
                position[axis] = 0;
            }
            return index;
        }
    }

    private record Header(Dtype dtype, int[] shape, boolean fortranOrder, int payloadStart, String source) {

        static Header parse(byte[] bytes, String source) {
            if (bytes.length < MAGIC.length + 4) {
                throw new NpyFormatException(source, "too short to be a .npy file (" + bytes.length + " bytes)");
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (bytes[i] != MAGIC[i]) {
                    throw new NpyFormatException(source, "not a .npy file (the magic string \\x93NUMPY is missing)");
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int major = bytes[6];
            buffer.position(8);
            if ((major == 2 || major == 3) && bytes.length < MAGIC.length + 6) {
                throw new NpyFormatException(source, "too short for a version " + major + " .npy preamble ("
                        + bytes.length + " bytes)");
            }
            long headerLength = switch (major) {
                case 1 -> Short.toUnsignedInt(buffer.getShort());
                case 2, 3 -> Integer.toUnsignedLong(buffer.getInt());
                default -> throw new NpyFormatException(source, "unsupported .npy version " + major);
            };
            int headerStart = buffer.position();
            if (headerStart + headerLength > bytes.length) {
                throw new NpyFormatException(source, "truncated header (" + headerLength + " bytes announced, "
                        + (bytes.length - headerStart) + " present)");
            }
            String text = new String(bytes, headerStart, (int) headerLength,
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (STRUCTURED.matcher(text).find()) {
                throw new NpyFormatException(source, "structured dtype (named fields) is not supported; save one "
                        + "numeric array per file or .npz member");
            }
            Dtype dtype = Dtype.parse(field(DESCR, text, "descr", source), source);
            boolean fortranOrder = field(FORTRAN, text, "fortran_order", source).equals("True");
            int[] shape = parseShape(field(SHAPE, text, "shape", source), source);
            long count = fittingCount(shape, dtype.size);
            if (count < 0) {
                throw new NpyFormatException(source, "array of shape " + shapeText(shape) + " of " + dtype.descr
                        + " is too large to hold in memory");
            }
            long payloadStart = headerStart + headerLength;
            long expected = count * dtype.size;
            long present = bytes.length - payloadStart;
            if (present < expected) {
                throw new NpyFormatException(source, "truncated data: shape " + shapeText(shape) + " of "
                        + dtype.descr + " needs " + expected + " bytes, only " + present + " present");
            }
            if (present > expected) {
                throw new NpyFormatException(source, present - expected
                        + " unexpected bytes after the data of shape " + shapeText(shape));
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new NpyFormatException(source, "array of " + count + " elements is too large to hold in memory");
            }
            return new Header(dtype, shape, fortranOrder, (int) payloadStart, source);
        }

        /** Element count, or -1 when the count or its size in bytes overflows a long (checked before allocating). */
        private static long fittingCount(int[] shape, int size) {
            try {
                long count = FloatTensor.elementCount(shape);
                Math.multiplyExact(count, size);
                return count;
            } catch (ArithmeticException e) {
                return -1;
            }
        }

        int count() {
            return (int) FloatTensor.elementCount(shape);
        }

        ByteBuffer payload(byte[] bytes) {
            return ByteBuffer.wrap(bytes).position(payloadStart).order(dtype.order);
        }
    }

    private static String field(Pattern pattern, String header, String name, String source) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new NpyFormatException(source, "header has no valid '" + name + "' entry: " + Excerpt.of(header.strip()));
        }
        return matcher.group(1);
    }

    private static int[] parseShape(String text, String source) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                long dim = Long.parseLong(trimmed.endsWith("L") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (dim < 0 || dim > Integer.MAX_VALUE) {
                    throw new NpyFormatException(source, "dimension out of range in shape (" + text + ")");
                }
                dims.add((int) dim);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source, "unreadable shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The version 1.0 header of a little-endian float32 C-order array of this shape, padded as NumPy pads it: what
     * {@link #write(FloatTensor)} puts before the values, for writers that stream the values themselves.
     */
    public static byte[] header(int[] shape) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        buffer.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }

    /** Python tuple syntax, as NumPy writes it: {@code (3,)} for one dimension. */
    static String shapeText(int[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                text.append(shape.length == 1 ? "," : ", ");
            }
        }
        return text.append(')').toString();
    }

    private enum Kind { FLOAT, SIGNED, UNSIGNED, BOOL }

    private record Dtype(String descr, Kind kind, int size, ByteOrder order) {

        static Dtype parse(String descr, String source) {
            if (descr.length() >= 2 && descr.charAt(1) == 'O') {
                throw new NpyFormatException(source, "object arrays (dtype " + Excerpt.of(descr) + ") hold Python objects, "
                        + "not numbers; save a numeric array");
            }
            if (descr.length() < 3) {
                throw new NpyFormatException(source, "unsupported dtype " + Excerpt.of(descr));
            }
            char endian = descr.charAt(0);
            ByteOrder order = switch (endian) {
                case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                default -> throw new NpyFormatException(source, "unsupported dtype " + Excerpt.of(descr));
            };
            String code = descr.substring(1);
            if (code.startsWith("c")) {
                throw new NpyFormatException(source, "complex dtype " + Excerpt.of(descr) + " is not supported; save the real "
                        + "part or the magnitude");
            }
            return switch (code) {
                case "f2" -> new Dtype(descr, Kind.FLOAT, 2, order);
                case "f4" -> new Dtype(descr, Kind.FLOAT, 4, order);
                case "f8" -> new Dtype(descr, Kind.FLOAT, 8, order);
                case "i1" -> new Dtype(descr, Kind.SIGNED, 1, order);
                case "i2" -> new Dtype(descr, Kind.SIGNED, 2, order);
                case "i4" -> new Dtype(descr, Kind.SIGNED, 4, order);
                case "i8" -> new Dtype(descr, Kind.SIGNED, 8, order);
                case "u1" -> new Dtype(descr, Kind.UNSIGNED, 1, order);
                case "u2" -> new Dtype(descr, Kind.UNSIGNED, 2, order);
                case "u4" -> new Dtype(descr, Kind.UNSIGNED, 4, order);
                case "u8" -> new Dtype(descr, Kind.UNSIGNED, 8, order);
                case "b1" -> new Dtype(descr, Kind.BOOL, 1, order);
                default -> throw new NpyFormatException(source, "unsupported dtype " + Excerpt.of(descr)
                        + " (supported: float16/32/64, int8..int64, uint8..uint64, bool)");
            };
        }

        double read(ByteBuffer buffer) {
            return switch (kind) {
                case FLOAT -> switch (size) {
                    case 2 -> halfToFloat(buffer.getShort());
                    case 4 -> buffer.getFloat();
                    default -> buffer.getDouble();
                };
                case SIGNED -> switch (size) {
                    case 1 -> buffer.get();
                    case 2 -> buffer.getShort();
                    case 4 -> buffer.getInt();
                    default -> buffer.getLong();
                };
                case UNSIGNED -> switch (size) {
                    case 1 -> Byte.toUnsignedInt(buffer.get());
                    case 2 -> Short.toUnsignedInt(buffer.getShort());
                    case 4 -> Integer.toUnsignedLong(buffer.getInt());
                    default -> unsignedLong(buffer.getLong());
                };
                case BOOL -> buffer.get() != 0 ? 1 : 0;
            };
        }

        /** IEEE 754 binary16 (numpy's float16) to float, exactly: every half is a float. */
        private static float halfToFloat(short bits) {
            int sign = (bits & 0x8000) << 16;
            int exponent = (bits >>> 10) & 0x1f;
            int mantissa = bits & 0x3ff;
            if (exponent == 0x1f) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
            }
            if (exponent == 0) {
                // Zero or subnormal: mantissa x 2^-24.
                float magnitude = mantissa * 0x1p-24f;
                return sign == 0 ? magnitude : -magnitude;
            }
            return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
        }

        /** A uint64 as the nearest double (values above 2^63 wrap to negative longs). */
        private static double unsignedLong(long value) {
            return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
        }
    }
}
