package org.prunedistill.extraction.stimuli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * A stimulus set supplied by the user: image files in a folder or a ZIP archive plus a CSV of per-image metadata.
 *
 * <p>CSV columns (header line first, any order): {@code id} (unique text), {@code file} (path relative to the
 * folder or ZIP root, {@code /}-separated), {@code object} (object label; ids are assigned 0, 1, ... in order of
 * first appearance), {@code axis} (one of {@link StimulusCondition#AXES}), {@code value} (number in the axis' unit),
 * and optionally {@code luminance} and {@code contrast} (% of white; when absent or empty they are the mean and SD of
 * the luminance of the image as resized here, like the procedural sets). Condition index = data line order. Images
 * are decoded by {@link ImageFiles} (PNG, JPEG, ... via javax.imageio) to [0, 1], grey (one channel, Rec. 601 luma of
 * a colour file) or in colour (three channels, RGB; a grey file repeated), and resized to {@code imageSize} x
 * {@code imageSize} by area averaging, channel-major. The size of every file's image is kept, so that images smaller
 * than a model's input can be named ({@link #imagesSmallerThan}). The resized images are kept at 8 bits a channel,
 * rounded to the nearest of 256 levels, as torchvision's PIL path holds a resized image before {@code ToTensor}: a
 * quarter of the memory of floats (500 colour images at 256 px take 98 MB, not 393 MB), and an error of at most half a
 * level (1/510 of white), a tenth of the pixel noise of a trial. The luminance and contrast of the table are those of
 * the resized image before rounding.
 *
 * <p>Everything is checked on load: missing or unreadable files, files outside the folder, duplicate ids, unknown or
 * missing columns, wrong field counts, bad numbers and unknown axes throw {@link IllegalArgumentException} naming
 * the CSV line (and id). The raw bytes of the CSV and of every image are kept for {@link StimulusSetHash}.
 */
public final class UserStimulusSet {

    /** Name of the set kind in content hashes. */
    public static final String NAME = "user";
    private static final int DEFAULT_IMAGE_SIZE = 64;
    private static final int MIN_IMAGE_SIZE = 1;
    private static final int GREY = 1;
    private static final int RGB = 3;
    /** The largest of the 256 levels images are kept at. */
    private static final float LEVELS = 255f;

    /**
     * An image whose file is smaller than some side.
     *
     * @param id     its id in the CSV
     * @param file   its file
     * @param width  the file's width, pixels
     * @param height the file's height, pixels
     */
    public record SmallImage(String id, String file, int width, int height) {
        @Override
        public String toString() {
            return file + " (" + width + " x " + height + " px)";
        }
    }

    private final String csvName;
    private final byte[] csvBytes;
    private final List<UserStimulusCsv.Row> rows;
    private final List<byte[]> imageBytes;
    private final int imageSize;
    private final int channels;
    /** Per condition, the resized image's levels, channel-major, 0 to 255. */
    private final List<byte[]> levels;
    /** Per condition, the file's width and height, pixels. */
    private final List<int[]> fileSizes;
    private final List<StimulusCondition> conditions;

    private UserStimulusSet(String csvName, byte[] csvBytes, List<UserStimulusCsv.Row> rows, List<byte[]> imageBytes,
                            int imageSize, int channels) {
        this.csvName = csvName;
        this.csvBytes = csvBytes;
        this.rows = rows;
        this.imageBytes = imageBytes;
        this.imageSize = imageSize;
        this.channels = channels;
        this.levels = new ArrayList<>(rows.size());
        this.fileSizes = new ArrayList<>(rows.size());
        this.conditions = decodeAll();
    }

    /**
     * Loads and validates a set at 64 x 64 px, grey.
     *
     * @param folderOrZip a directory, or a {@code .zip} file, holding the images
     * @param csv         the metadata table
     * @throws IllegalArgumentException naming the CSV line on any problem with the table or an image
     * @throws IOException              if the CSV, the folder or the archive itself cannot be read
     */
    public static UserStimulusSet load(Path folderOrZip, Path csv) throws IOException {
        return load(folderOrZip, csv, DEFAULT_IMAGE_SIZE, GREY);
    }

    /**
     * Loads and validates a set at the given side and channels, decoding every image once.
     *
     * @param imageSize side of the square images, at least 1
     * @param channels  1 (grey) or 3 (RGB)
     * @throws IllegalArgumentException naming the CSV line on any problem with the table or an image, or naming the
     *                                  parameter out of range
     * @throws IOException              if the CSV, the folder or the archive itself cannot be read
     */
    public static UserStimulusSet load(Path folderOrZip, Path csv, int imageSize, int channels) throws IOException {
        Objects.requireNonNull(folderOrZip, "folderOrZip");
        checkSize(imageSize);
        checkChannels(channels);
        byte[] table = Files.readAllBytes(Objects.requireNonNull(csv, "csv"));
        String source = String.valueOf(csv.getFileName());
        List<UserStimulusCsv.Row> rows = UserStimulusCsv.parse(table, source);
        List<byte[]> bytes = Files.isDirectory(folderOrZip)
                ? readFolder(folderOrZip, rows, source) : readZip(folderOrZip, rows, source);
        return new UserStimulusSet(source, table, List.copyOf(rows), List.copyOf(bytes), imageSize, channels);
    }

    /** Same images resized to another side (pixels, at least 1). */
    public UserStimulusSet withImageSize(int side) {
        checkSize(side);
        return new UserStimulusSet(csvName, csvBytes, rows, imageBytes, side, channels);
    }

    /** Same images in grey (1 channel) or in colour (3 channels, RGB). */
    public UserStimulusSet withChannels(int count) {
        checkChannels(count);
        return new UserStimulusSet(csvName, csvBytes, rows, imageBytes, imageSize, count);
    }

    private static void checkSize(int side) {
        if (side < MIN_IMAGE_SIZE) {
            throw new IllegalArgumentException("imageSize must be >= " + MIN_IMAGE_SIZE + ", was " + side);
        }
    }

    private static void checkChannels(int count) {
        if (count != GREY && count != RGB) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), was " + count);
        }
    }

    public int imageSize() {
        return imageSize;
    }

    public int channels() {
        return channels;
    }

    /** Image ids in condition order. */
    public List<String> ids() {
        return rows.stream().map(UserStimulusCsv.Row::id).toList();
    }

    /** The images whose file is narrower or lower than {@code side} pixels, in condition order. */
    public List<SmallImage> imagesSmallerThan(int side) {
        List<SmallImage> small = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int width = fileSizes.get(i)[0];
            int height = fileSizes.get(i)[1];
            if (width < side || height < side) {
                small.add(new SmallImage(rows.get(i).id(), rows.get(i).file(), width, height));
            }
        }
        return List.copyOf(small);
    }

    /** One condition per CSV data line, in line order. */
    public List<StimulusCondition> conditions() {
        return conditions;
    }

    /**
     * The image of a condition.
     *
     * @return channels * imageSize * imageSize values in [0, 1], multiples of 1/255, channel-major
     * @throws IllegalArgumentException if the index is out of range
     */
    public float[] renderClean(int conditionIndex) {
        if (conditionIndex < 0 || conditionIndex >= levels.size()) {
            throw new IllegalArgumentException("conditionIndex must be in [0, " + levels.size() + "), was "
                    + conditionIndex);
        }
        byte[] kept = levels.get(conditionIndex);
        float[] image = new float[kept.length];
        for (int i = 0; i < kept.length; i++) {
            image[i] = (kept[i] & 0xFF) / LEVELS;
        }
        return image;
    }

    /** Bytes the set holds for the whole run: the files, the table and the resized images. */
    public long residentBytes() {
        long bytes = csvBytes.length;
        for (int i = 0; i < levels.size(); i++) {
            bytes += imageBytes.get(i).length + levels.get(i).length;
        }
        return bytes;
    }

    /** The CSV bytes as read (for content hashing). */
    byte[] csvBytes() {
        return csvBytes.clone();
    }

    /** The image files' bytes in condition order (for content hashing; not copied). */
    List<byte[]> imageBytes() {
        return imageBytes;
    }

    /**
     * One file as the set keeps it: its levels, the file's size, and the clean image's luminance and contrast (%; both
     * NaN when the table gives both, as then neither is needed).
     */
    private record Kept(byte[] levels, int width, int height, double luminance, double contrast) {
    }

    /**
     * Decodes every image once, keeping its levels and file size; returns the conditions the table describes. The
     * files are decoded on all cores, each into its own slot, and only what the set keeps of it is held; a file that
     * cannot be read fails the set, the first such row of the table named.
     */
    private List<StimulusCondition> decodeAll() {
        Object[] kept = new Object[rows.size()];
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            try {
                kept[i] = keep(rows.get(i), ImageFiles.decode(imageBytes.get(i), imageSize, channels));
            } catch (IOException | RuntimeException e) {
                kept[i] = e;
            }
        });
        Map<String, Integer> objectIds = new LinkedHashMap<>();
        List<StimulusCondition> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            UserStimulusCsv.Row row = rows.get(i);
            if (kept[i] instanceof Exception e) {
                throw new IllegalArgumentException(csvName + ": line " + row.line() + " (id '" + row.id()
                        + "'): cannot read image '" + row.file() + "': " + e.getMessage(), e);
            }
            Kept image = (Kept) kept[i];
            levels.add(image.levels());
            fileSizes.add(new int[] {image.width(), image.height()});
            int object = objectIds.computeIfAbsent(row.object(), k -> objectIds.size());
            double luminance = Double.isNaN(row.luminance()) ? image.luminance() : row.luminance();
            double contrast = Double.isNaN(row.contrast()) ? image.contrast() : row.contrast();
            result.add(new StimulusCondition(i, object, row.object(), row.axis(), row.value(), luminance, contrast));
        }
        return List.copyOf(result);
    }

    private Kept keep(UserStimulusCsv.Row row, ImageFiles.Decoded image) {
        double luminance = Double.NaN;
        double contrast = Double.NaN;
        if (Double.isNaN(row.luminance()) || Double.isNaN(row.contrast())) {
            float[] grey = grey(image.pixels());
            luminance = ImageStatistics.clampPercent(ImageStatistics.luminancePercent(grey));
            contrast = ImageStatistics.clampPercent(ImageStatistics.contrastPercent(grey));
        }
        return new Kept(toLevels(image.pixels()), image.width(), image.height(), luminance, contrast);
    }

    /** Values in [0, 1] rounded to the nearest of 256 levels. */
    private static byte[] toLevels(float[] pixels) {
        byte[] kept = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            kept[i] = (byte) Math.round(pixels[i] * LEVELS);
        }
        return kept;
    }

    /** The luminance plane of an image ({@link Luminance}), as float like the images. */
    private float[] grey(float[] image) {
        double[] plane = Luminance.of(image, imageSize * imageSize);
        float[] grey = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            grey[i] = (float) plane[i];
        }
        return grey;
    }

    private static List<byte[]> readFolder(Path folder, List<UserStimulusCsv.Row> rows, String source)
            throws IOException {
        Path root = folder.toRealPath();
        List<byte[]> result = new ArrayList<>(rows.size());
        for (UserStimulusCsv.Row row : rows) {
            Path file = root.resolve(row.file()).normalize();
            if (!file.startsWith(root)) {
                throw rowError(source, row, "file '" + row.file() + "' lies outside " + folder);
            }
            if (!Files.isRegularFile(file)) {
                throw rowError(source, row, "file '" + row.file() + "' not found in " + folder);
            }
            // A symbolic link in the folder must not lead out of it either.
            if (!file.toRealPath().startsWith(root)) {
                throw rowError(source, row, "file '" + row.file() + "' lies outside " + folder
                        + " once its links are resolved");
            }
            result.add(Files.readAllBytes(file));
        }
        return result;
    }

    private static List<byte[]> readZip(Path zip, List<UserStimulusCsv.Row> rows, String source) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("folderOrZip must be a directory or a ZIP file, was " + zip);
        }
        List<byte[]> result = new ArrayList<>(rows.size());
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (UserStimulusCsv.Row row : rows) {
                ZipEntry entry = archive.getEntry(row.file());
                if (entry == null || entry.isDirectory()) {
                    throw rowError(source, row, "file '" + row.file() + "' not found in " + zip.getFileName());
                }
                try (InputStream in = archive.getInputStream(entry)) {
                    result.add(in.readAllBytes());
                }
            }
        }
        return result;
    }

    private static IllegalArgumentException rowError(String source, UserStimulusCsv.Row row, String message) {
        return new IllegalArgumentException(source + ": line " + row.line() + " (id '" + row.id() + "'): " + message);
    }
}
