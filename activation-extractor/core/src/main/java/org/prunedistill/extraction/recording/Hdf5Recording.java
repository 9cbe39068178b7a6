package org.prunedistill.extraction.recording;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a recording from an HDF5 file (NWB 2.x files are HDF5) with the pure-Java jHDF reader. Exactly two layouts
 * are accepted, tried in this order:
 * <ol>
 *   <li>project convention: {@code /prune_distill/responses} {@code [units, conditions, trials]}, optional
 *       {@code /prune_distill/unit_ids} (1-d, integer or string) and {@code /prune_distill/session} (scalar
 *       string);</li>
 *   <li>NWB-like: {@code /processing/ecephys/spike_counts/data} {@code [units, conditions, trials]}, optional
 *       {@code /units/id} (the NWB units table's id column) and {@code /general/session_id} (scalar string).</li>
 * </ol>
 * Responses may be any float or integer type, contiguous or chunked and compressed; NaN marks a missing trial. Any
 * other file is refused with the list of datasets it holds.
 */
final class Hdf5Recording {

    static final Layout CONVENTION = new Layout("/prune_distill/responses", "/prune_distill/unit_ids",
            "/prune_distill/session");
    static final Layout NWB = new Layout("/processing/ecephys/spike_counts/data", "/units/id",
            "/general/session_id");
    private static final int LISTED_DATASETS = 20;
    private static final long MAX_EXPANSION = 1100;

    private Hdf5Recording() {
    }

    /** The datasets of one accepted layout: responses, then the optional unit ids and session name. */
    record Layout(String responses, String unitIds, String session) {
    }

    static RecordedResponses read(byte[] bytes, String source) {
        Parsed parsed;
        try (HdfFile file = HdfFile.fromBytes(bytes)) {
            parsed = parse(file, source, bytes.length);
        } catch (RecordingFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RecordingFormatException(source, "corrupt or truncated HDF5 file (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", e);
        }
        return RecordedResponses.of(parsed.values, parsed.shape, parsed.unitIds, parsed.session,
                source + ":" + parsed.dataset);
    }

    private record Parsed(String dataset, float[] values, int[] shape, List<String> unitIds, String session) {
    }

    private static Parsed parse(HdfFile file, String source, int length) {
        Superblock superblock = file.getHdfBackingStorage().getSuperblock();
        long end = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        if (length < end) {
            throw new RecordingFormatException(source, "truncated HDF5 file: its superblock ends the file at byte "
                    + end + ", only " + length + " bytes present");
        }
        Layout layout = find(file, CONVENTION.responses) instanceof Dataset ? CONVENTION
                : find(file, NWB.responses) instanceof Dataset ? NWB : null;
        if (layout == null) {
            throw new RecordingFormatException(source, "no responses dataset: expected " + CONVENTION.responses
                    + " or " + NWB.responses + " [units, conditions, trials]; datasets found: " + datasets(file));
        }
        Dataset responses = (Dataset) find(file, layout.responses);
        String where = source + ":" + layout.responses;
        int[] shape = responses.getDimensions();
        if (shape.length != 3) {
            throw new RecordingFormatException(where, "has shape " + Arrays.toString(shape)
                    + ", expected [units, conditions, trials]");
        }
        checkSize(responses, where, length);
        float[] values = floats(responses.getDataFlat(), where);
        List<String> ids = null;
        if (find(file, layout.unitIds) instanceof Dataset idDataset) {
            checkSize(idDataset, source + ":" + layout.unitIds, length);
            ids = strings(idDataset.getData(), source + ":" + layout.unitIds);
            if (ids.size() != shape[0]) {
                throw new RecordingFormatException(source + ":" + layout.unitIds, ids.size() + " unit ids for "
                        + shape[0] + " units in " + layout.responses);
            }
        }
        String session = "";
        if (find(file, layout.session) instanceof Dataset sessionDataset) {
            checkSize(sessionDataset, source + ":" + layout.session, length);
            List<String> names = strings(sessionDataset.getData(), source + ":" + layout.session);
            if (names.size() != 1) {
                throw new RecordingFormatException(source + ":" + layout.session, "holds " + names.size()
                        + " values, expected one session name");
            }
            session = names.get(0);
        }
        return new Parsed(layout.responses, values, shape, ids, session);
    }

    /**
     * Refuses, before anything is allocated, a dataset whose declared shape cannot be held in a Java array or needs
     * more bytes than the file could supply: at most {@value #MAX_EXPANSION} bytes per file byte (deflate's bound is
     * about 1032:1; unwritten chunks of a sparse dataset are refused too).
     */
    private static void checkSize(Dataset dataset, String where, int fileLength) {
        int[] dims = dataset.getDimensions();
        long elements = 1;
        long bytes;
        try {
            for (int dim : dims) {
                if (dim < 0) {
                    throw new RecordingFormatException(where, "negative dimension in shape " + Arrays.toString(dims));
                }
                elements = Math.multiplyExact(elements, dim);
            }
            bytes = Math.multiplyExact(elements, Math.max(1, dataset.getDataType().getSize()));
        } catch (ArithmeticException e) {
            throw new RecordingFormatException(where, "shape " + Arrays.toString(dims) + " is too large to hold");
        }
        if (elements > Integer.MAX_VALUE - 8 || bytes > MAX_EXPANSION * (long) fileLength) {
            throw new RecordingFormatException(where, "shape " + Arrays.toString(dims) + " declares " + bytes
                    + " bytes of data, more than a " + fileLength + "-byte file can hold");
        }
    }

    /** The node at an absolute path, or null when a segment is missing or not a group. */
    private static Node find(HdfFile file, String path) {
        Node node = file;
        for (String segment : path.substring(1).split("/")) {
            if (!(node instanceof Group group)) {
                return null;
            }
            node = group.getChildren().get(segment);
        }
        return node;
    }

    private static String datasets(HdfFile file) {
        List<String> found = new ArrayList<>();
        collect(file, found);
        if (found.isEmpty()) {
            return "none";
        }
        String listed = String.join(", ", found.subList(0, Math.min(found.size(), LISTED_DATASETS)));
        return found.size() > LISTED_DATASETS ? listed + " and " + (found.size() - LISTED_DATASETS) + " more"
                : listed;
    }

    private static void collect(Group group, List<String> found) {
        for (Node child : group.getChildren().values()) {
            if (child instanceof Dataset dataset) {
                found.add(dataset.getPath() + " " + Arrays.toString(dataset.getDimensions()));
            } else if (child instanceof Group subgroup && !child.isLink()) {
                collect(subgroup, found);
            }
        }
    }

    private static float[] floats(Object flat, String where) {
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) d[i];
            }
        } else if (flat instanceof long[] l) {
            values = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                values[i] = l[i];
            }
        } else if (flat instanceof int[] n) {
            values = new float[n.length];
            for (int i = 0; i < n.length; i++) {
                values[i] = n[i];
            }
        } else if (flat instanceof short[] s) {
            values = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                values[i] = s[i];
            }
        } else if (flat instanceof byte[] b) {
            values = new float[b.length];
            for (int i = 0; i < b.length; i++) {
                values[i] = b[i];
            }
        } else {
            throw new RecordingFormatException(where, "holds " + (flat == null ? "no data"
                    : flat.getClass().getComponentType() + " values") + ", expected float or integer responses");
        }
        return values;
    }

    private static List<String> strings(Object data, String where) {
        if (data instanceof String text) {
            return List.of(text);
        }
        if (data instanceof String[] texts) {
            return List.of(texts);
        }
        if (data instanceof long[] l) {
            return Arrays.stream(l).mapToObj(Long::toString).toList();
        }
        if (data instanceof int[] n) {
            return Arrays.stream(n).mapToObj(Integer::toString).toList();
        }
        throw new RecordingFormatException(where, "holds " + (data == null ? "no data"
                : data.getClass().getSimpleName()) + ", expected a 1-d integer or string dataset");
    }
}
