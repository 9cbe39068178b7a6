package org.prunedistill.results.mapping;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.EstimatorParameters;

/**
 * A result's typed parameters written out as the API's {@code parameters} map, for people and for clients that keep
 * a flat table: every field of the estimator's parameter message under its own name (nested messages as
 * {@code <field>.<name>}), the unit sampling as {@code unit_sampling.<name>}, the unit inclusion rule as
 * {@code unit_inclusion.<name>}, and the result's notes as
 * {@code note.<name>}. Numbers as Java prints them, enums by their value name, repeated fields joined by commas. Only
 * written, never read back: the typed fields are the contract.
 */
final class ParameterText {

    static final String NOTE = "note.";

    private ParameterText() {
    }

    static Map<String, String> of(AnalysisResult result) {
        Map<String, String> text = new TreeMap<>();
        EstimatorParameters parameters = result.getParameters();
        if (parameters.hasUnitSampling()) {
            write(text, "unit_sampling.", parameters.getUnitSampling());
        }
        if (parameters.hasUnitInclusion()) {
            write(text, "unit_inclusion.", parameters.getUnitInclusion());
        }
        FieldDescriptor estimator = parameters.getOneofFieldDescriptor(
                EstimatorParameters.getDescriptor().getOneofs().get(0));
        if (estimator != null) {
            write(text, "", (Message) parameters.getField(estimator));
        }
        result.getNotesMap().forEach((name, note) -> text.put(NOTE + name, note));
        return text;
    }

    private static void write(Map<String, String> text, String prefix, Message message) {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            Object value = message.getField(field);
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()) {
                write(text, prefix + field.getName() + ".", (Message) value);
            } else if (field.isRepeated()) {
                text.put(prefix + field.getName(), ((List<?>) value).stream().map(ParameterText::scalar)
                        .collect(Collectors.joining(",")));
            } else {
                text.put(prefix + field.getName(), scalar(value));
            }
        }
    }

    private static String scalar(Object value) {
        return value instanceof EnumValueDescriptor enumValue ? enumValue.getName() : String.valueOf(value);
    }
}
