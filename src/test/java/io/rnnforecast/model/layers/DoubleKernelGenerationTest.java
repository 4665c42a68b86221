package io.rnnforecast.model.layers;

import static io.rnnforecast.model.layers.DoubleKernelGenerator.COMMAND;
import static io.rnnforecast.model.layers.DoubleKernelGenerator.DOUBLE_KERNEL;
import static io.rnnforecast.model.layers.DoubleKernelGenerator.FLOAT_KERNEL;
import static io.rnnforecast.model.layers.DoubleKernelGenerator.generate;
import static io.rnnforecast.model.layers.DoubleKernelGenerator.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * DoubleRnnKernel.java is generated from FloatRnnKernel.java; this guards against hand edits of the generated file
 * and against editing FloatRnnKernel without regenerating (the two kernels would silently drift apart).
 */
class DoubleKernelGenerationTest {

    /** Null when the texts are equal, else the first differing line (1-based) with both versions of it. */
    static String firstDifference(String generated, String checkedIn) {
        String[] g = generated.split("\n", -1), c = checkedIn.split("\n", -1);
        for (int i = 0; i < Math.max(g.length, c.length); i++) {
            String a = i < g.length ? g[i] : "<end of file>", b = i < c.length ? c[i] : "<end of file>";
            if (!a.equals(b)) {
                return "line " + (i + 1) + "\n  generated:  " + a + "\n  checked in: " + b;
            }
        }
        return null;
    }

    @Test
    void checkedInDoubleKernelIsWhatTheGeneratorMakesOfFloatKernel() throws IOException {
        String diff = firstDifference(generate(read(FLOAT_KERNEL)), read(DOUBLE_KERNEL));
        if (diff != null) {
            fail(DOUBLE_KERNEL + " is not what DoubleKernelGenerator makes of " + FLOAT_KERNEL
                    + " (edit FloatRnnKernel, never the generated file); first difference at " + diff
                    + "\nRegenerate it from the repository root with:\n  " + COMMAND);
        }
    }

    @Test
    void guardReportsAHandEditOfTheGeneratedKernel() throws IOException {
        String generated = generate(read(FLOAT_KERNEL));
        String line = "                p[k] = 2d * p[k];", edited = line.replace("2d", "3d");
        String handEdited = generated.replace(line, edited);
        assertNotEquals(generated, handEdited, "the edited line is no longer in the generated kernel");
        int lineNo = generated.substring(0, generated.indexOf(line)).split("\n", -1).length;

        assertEquals("line " + lineNo + "\n  generated:  " + line + "\n  checked in: " + edited,
                firstDifference(generated, handEdited));
        String noFinalNewline = generated.stripTrailing();
        int lines = noFinalNewline.split("\n", -1).length;
        assertEquals("line " + (lines + 1) + "\n  generated:  <end of file>\n  checked in: ",
                firstDifference(noFinalNewline, noFinalNewline + "\n"));
        assertNull(firstDifference(generated, generated));
    }

    @Test
    void transformationMakesADoubleKernelWithExactActivations() throws IOException {
        String floatSource = read(FLOAT_KERNEL), out = generate(floatSource);

        assertFalse(Pattern.compile("\\bfloat\\b").matcher(out).find(), "token float left");
        assertFalse(Pattern.compile("\\bFloat(Buffer|Pointer)?\\b").matcher(out).find(), "Float type left");
        assertFalse(Pattern.compile("[0-9]f\\b").matcher(out).find(), "float literal left");
        assertTrue(out.contains("return Math.tanh(v);"));
        assertFalse(out.contains("CLAMP"), "float tanh approximation left");
        assertTrue(out.contains("cblas_dgemm"));
        assertFalse(out.contains("cblas_sgemm"));
        assertTrue(floatSource.contains("k, 1f, a.at(aOff)") && out.contains("k, 1d, a.at(aOff)"));
        assertTrue(floatSource.contains("2f * p[k]") && out.contains("2d * p[k]"));
        assertTrue(out.contains("final class DoubleRnnKernel {"));
        assertTrue(out.contains(" * {@code " + COMMAND + "}\n"), "header names the command that regenerates");
        assertFalse(out.contains("is generated from this file"), "Float kernel's pointer to its twin left");
    }

    @Test
    void generatorRefusesASourceItNoLongerRecognises() throws IOException {
        String floatSource = read(FLOAT_KERNEL);
        assertThrows(IllegalStateException.class,
                () -> generate(floatSource.replace("// Rational minimax approximation", "// Approximation")));
        assertThrows(IllegalStateException.class,
                () -> generate(floatSource.replace("Single-precision fused", "Fused")));
    }
}
