package org.prunedistill.extraction.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.prunedistill.claimcheck.Excerpt;
import org.prunedistill.extraction.stimuli.Luminance;

/**
 * How a rendered stimulus becomes the input tensor an imported model was trained on: resize, centre crop, channel
 * count and order, pixel scale, per-channel normalisation.
 *
 * <p>{@link #apply} maps a square image with values in [0, 1], channel-major [C][side][side], grey (C = 1) or RGB
 * (C = 3), to the model input [channels][crop][crop], in this order:
 * <ol>
 *     <li>channels: grey is replicated to 3 channels when the model wants 3; RGB becomes grey by Rec. 601 luma
 *     (0.299 R + 0.587 G + 0.114 B) when the model wants 1;</li>
 *     <li>resize to {@code resize} x {@code resize} by bilinear interpolation with half-pixel centres and edge
 *     clamping, without antialiasing (PyTorch {@code interpolate(mode="bilinear", align_corners=False)}); torchvision's
 *     PIL-based {@code Resize} antialiases when shrinking, so render stimuli at {@code resize} pixels (no resize at
 *     all) or larger to stay close to it;</li>
 *     <li>centre crop to {@code crop} x {@code crop}, offset round((resize - crop) / 2) with ties to even, as
 *     torchvision's {@code CenterCrop};</li>
 *     <li>channel order: BGR reverses the three channels;</li>
 *     <li>x = (pixelScale * v - mean[c]) / std[c], with mean and std listed in the model's channel order (for a
 *     BGR model, mean[0] is the blue mean) and in the units of pixelScale.</li>
 * </ol>
 *
 * <p>JSON (snake_case, all fields but {@code channel_order} (default RGB) and {@code pixel_scale} (default 1)
 * required): {@code {"resize":256,"crop":224,"channels":3,"channel_order":"RGB","pixel_scale":1,
 * "mean":[0.485,0.456,0.406],"std":[0.229,0.224,0.225]}}.
 *
 * @param resize       side the image is resized to, >= 1
 * @param crop         side of the centre crop, the model's input height and width, 1..resize
 * @param channels     model input channels, 1 or 3
 * @param channelOrder RGB or BGR (BGR needs 3 channels)
 * @param pixelScale   1 (values in [0, 1]) or 255 (values in [0, 255])
 * @param mean         per model channel, finite
 * @param std          per model channel, finite and > 0
 */
public record ModelPreprocessing(
        @JsonProperty("resize") int resize,
        @JsonProperty("crop") int crop,
        @JsonProperty("channels") int channels,
        @JsonProperty("channel_order") ChannelOrder channelOrder,
        @JsonProperty("pixel_scale") double pixelScale,
        @JsonProperty("mean") List<Double> mean,
        @JsonProperty("std") List<Double> std) {

    /** Order of the model's colour channels. */
    public enum ChannelOrder { RGB, BGR }

    /** torchvision ImageNet models: Resize(256), CenterCrop(224), RGB in [0, 1], ImageNet mean and std. */
    public static final ModelPreprocessing IMAGENET = new ModelPreprocessing(256, 224, 3, ChannelOrder.RGB, 1.0,
            List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));

    private static final ObjectMapper MAPPER = JsonMapper.builder(Excerpt.jsonFactory())
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ModelPreprocessing {
        if (resize < 1) {
            throw new IllegalArgumentException("resize must be >= 1, was " + resize);
        }
        if (crop < 1 || crop > resize) {
            throw new IllegalArgumentException("crop must be in 1..resize (" + resize + "), was " + crop);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        Objects.requireNonNull(channelOrder, "channelOrder");
        if (channelOrder == ChannelOrder.BGR && channels != 3) {
            throw new IllegalArgumentException("channel_order BGR needs 3 channels, channels is " + channels);
        }
        if (pixelScale != 1.0 && pixelScale != 255.0) {
            throw new IllegalArgumentException("pixelScale must be 1 or 255, was " + pixelScale);
        }
        mean = checkPerChannel(mean, "mean", channels, false);
        std = checkPerChannel(std, "std", channels, true);
    }

    /** JSON creator: boxed parameters so that a missing field is named instead of read as 0. */
    @JsonCreator
    static ModelPreprocessing fromFields(
            @JsonProperty("resize") Integer resize,
            @JsonProperty("crop") Integer crop,
            @JsonProperty("channels") Integer channels,
            @JsonProperty("channel_order") ChannelOrder channelOrder,
            @JsonProperty("pixel_scale") Double pixelScale,
            @JsonProperty("mean") List<Double> mean,
            @JsonProperty("std") List<Double> std) {
        return new ModelPreprocessing(required(resize, "resize"), required(crop, "crop"),
                required(channels, "channels"), channelOrder == null ? ChannelOrder.RGB : channelOrder,
                pixelScale == null ? 1.0 : pixelScale, required(mean, "mean"), required(std, "std"));
    }

    /**
     * Reads preprocessing from JSON strictly: unknown fields, wrong types (no float-to-int or string-to-number
     * coercion) and invalid values are refused.
     *
     * @param source where the bytes came from, for messages
     * @throws IllegalArgumentException starting with the source name
     */
    public static ModelPreprocessing fromJson(byte[] json, String source) {
        Objects.requireNonNull(json, "json");
        String where = source == null ? "model preprocessing" : source;
        try {
            ModelPreprocessing result = MAPPER.readValue(json, ModelPreprocessing.class);
            if (result == null) {
                throw new IllegalArgumentException(where + ": expected a JSON object, found null");
            }
            return result;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(where + ": " + cause.getMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(where + ": unknown field " + Excerpt.of(e.getPropertyName()), e);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : "field " + Excerpt.of(e.getPath().get(0).getFieldName()) + ": ";
            throw new IllegalArgumentException(where + ": " + field + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** UTF-8 JSON, readable by {@link #fromJson}. */
    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise preprocessing", e);
        }
    }

    /** First row (and column) of the resized image that the centre crop keeps: round((resize - crop) / 2), ties even. */
    public int cropOffset() {
        return (int) Math.rint((resize - crop) / 2.0);
    }

    /**
     * Where the model's input pixels lie in a rendered image of {@code side} pixels: the grid of a layer, given in
     * model-input pixels, in image pixels. The model input is the image resized to {@code resize} and centre-cropped,
     * so model pixel p covers image pixels [(p + cropOffset) side / resize, + side / resize).
     */
    public UnitGrid toImage(UnitGrid inModelInput, int side) {
        double scale = side / (double) resize;
        return new UnitGrid(inModelInput.rows(), inModelInput.columns(), inModelInput.stride() * scale,
                (inModelInput.offset() + cropOffset()) * scale, inModelInput.window() * scale);
    }

    /**
     * Turns one rendered image into the model input.
     *
     * @param image         channel-major [imageChannels][side][side], values in [0, 1]
     * @param imageChannels 1 (grey) or 3 (RGB)
     * @param side          image height and width, >= 1
     * @return [channels][crop][crop], channel-major
     * @throws IllegalArgumentException on a wrong channel count, side or array length
     */
    public float[] apply(float[] image, int imageChannels, int side) {
        Objects.requireNonNull(image, "image");
        if (imageChannels != 1 && imageChannels != 3) {
            throw new IllegalArgumentException("imageChannels must be 1 or 3, was " + imageChannels);
        }
        if (side < 1) {
            throw new IllegalArgumentException("side must be >= 1, was " + side);
        }
        if ((long) imageChannels * side * side != image.length) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected imageChannels x side"
                    + " x side = " + (long) imageChannels * side * side);
        }
        float[][] planes = toModelChannels(image, imageChannels, side * side);
        int offset = cropOffset();
        int plane = crop * crop;
        float[] out = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            float[] source = planes[channelOrder == ChannelOrder.BGR ? channels - 1 - c : c];
            float[] resized = side == resize ? source : Bilinear.resize(source, side, resize);
            double m = mean.get(c);
            double s = std.get(c);
            for (int y = 0; y < crop; y++) {
                for (int x = 0; x < crop; x++) {
                    double v = resized[(y + offset) * resize + x + offset];
                    out[c * plane + y * crop + x] = (float) ((pixelScale * v - m) / s);
                }
            }
        }
        return out;
    }

    /** RGB (or grey) planes with the model's channel count, still in RGB order. */
    private float[][] toModelChannels(float[] image, int imageChannels, int plane) {
        float[][] planes = new float[channels][];
        if (imageChannels == channels) {
            for (int c = 0; c < channels; c++) {
                planes[c] = Arrays.copyOfRange(image, c * plane, (c + 1) * plane);
            }
        } else if (imageChannels == 1) {
            float[] grey = Arrays.copyOf(image, plane);
            Arrays.fill(planes, grey);
        } else {
            double[] luma = Luminance.of(image, plane);
            float[] grey = new float[plane];
            for (int i = 0; i < plane; i++) {
                grey[i] = (float) luma[i];
            }
            planes[0] = grey;
        }
        return planes;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static List<Double> checkPerChannel(List<Double> values, String name, int channels, boolean positive) {
        Objects.requireNonNull(values, name);
        if (values.size() != channels) {
            throw new IllegalArgumentException(name + " must have one value per channel (" + channels + "), has "
                    + values.size());
        }
        for (Double v : values) {
            if (v == null || !Double.isFinite(v) || (positive && v <= 0.0)) {
                throw new IllegalArgumentException(name + " values must be finite" + (positive ? " and > 0" : "")
                        + ", got " + values);
            }
        }
        return List.copyOf(values);
    }

    /** Bilinear resampling of one square plane, half-pixel centres, edge clamping, no antialiasing. */
    static final class Bilinear {
        private Bilinear() {
        }

        static float[] resize(float[] plane, int from, int to) {
            int[] low = new int[to];
            int[] high = new int[to];
            double[] weight = new double[to];
            double scale = (double) from / to;
            for (int d = 0; d < to; d++) {
                double src = Math.max(0.0, scale * (d + 0.5) - 0.5);
                low[d] = Math.min((int) src, from - 1);
                high[d] = Math.min(low[d] + 1, from - 1);
                weight[d] = src - low[d];
            }
            float[] out = new float[to * to];
            for (int y = 0; y < to; y++) {
                for (int x = 0; x < to; x++) {
                    double top = (1 - weight[x]) * plane[low[y] * from + low[x]] + weight[x] * plane[low[y] * from
                            + high[x]];
                    double bottom = (1 - weight[x]) * plane[high[y] * from + low[x]] + weight[x] * plane[high[y]
                            * from + high[x]];
                    out[y * to + x] = (float) ((1 - weight[y]) * top + weight[y] * bottom);
                }
            }
            return out;
        }
    }
}
