package io.rnnforecast.model.layers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Writes DoubleRnnKernel.java from FloatRnnKernel.java: a mechanical float-to-double transliteration whose
 * activation functions are the exact {@code Math.tanh} / {@code 1/(1+exp(-x))} instead of the float approximations.
 * Run from the repository root: {@value #COMMAND}
 *
 * <p>It lives in the test sources and uses only the JDK, so CI needs no Python and the classpath above is just
 * {@code target/test-classes}; {@link DoubleKernelGenerationTest} fails while the checked-in copy is out of date.
 */
final class DoubleKernelGenerator {

    static final String COMMAND =
            "mvn -q test-compile && java -cp target/test-classes io.rnnforecast.model.layers.DoubleKernelGenerator";

    private static final Path DIR = Path.of("src/main/java/io/rnnforecast/model/layers");
    static final Path FLOAT_KERNEL = DIR.resolve("FloatRnnKernel.java");
    static final Path DOUBLE_KERNEL = DIR.resolve("DoubleRnnKernel.java");

    private static final String EXACT_ACTIVATIONS = """
                static double tanh(double v) {
                    return Math.tanh(v);
                }

                static double sigmoid(double v) {
                    return 1d / (1d + Math.exp(-v));
                }

            """;

    private static final String[][] RENAMES = {
            {"FloatBuffer", "DoubleBuffer"}, {"FloatPointer", "DoublePointer"}, {"Float.BYTES", "Double.BYTES"},
            {"cblas_sgemm", "cblas_dgemm"}, {"FloatRnnKernel", "DoubleRnnKernel"}, {"float", "double"}};

    /** A float literal's suffix: a digit, then f, then no word character (the f of 1f, 0.5f, 1e-3f). */
    private static final Pattern FLOAT_SUFFIX = Pattern.compile("(?<=[0-9])f(?![A-Za-z0-9_])");

    // Inserted after the renames, which would turn its FloatRnnKernel into DoubleRnnKernel; it avoids the word
    // "float" so that the generated file contains none.
    private static final String OLD_HEADER = "/**\n * Single-precision fused recurrent kernel";
    private static final String NEW_HEADER = """
            /**
             * GENERATED from FloatRnnKernel.java by DoubleKernelGenerator (test sources): a mechanical transliteration
             * to double precision whose activation functions are exact {@code Math.tanh} / {@code 1/(1+exp(-x))}.
             * Do not edit: edit FloatRnnKernel, then regenerate from the repository root with
             * {@code %s}
             *
             * <p>Double-precision fused recurrent kernel""".formatted(COMMAND);

    /** FloatRnnKernel's last javadoc paragraph points at the generated twin; the twin has the header instead. */
    private static final String TWIN_NOTE = "\n *\n * <p>{@link DoubleRnnKernel} is generated from this file";

    private DoubleKernelGenerator() {
    }

    /** The text of DoubleRnnKernel.java for the given text of FloatRnnKernel.java. */
    static String generate(String floatKernelSource) {
        String src = cut(floatKernelSource, "    // Rational minimax approximation", "    static void tanhInPlace",
                EXACT_ACTIVATIONS);
        src = cut(src, TWIN_NOTE, "\n */", "");
        for (String[] r : RENAMES) {
            src = src.replace(r[0], r[1]);
        }
        src = FLOAT_SUFFIX.matcher(src).replaceAll("d");
        if (!src.contains(OLD_HEADER)) {
            throw new IllegalStateException("class javadoc no longer starts with: " + OLD_HEADER);
        }
        return src.replace(OLD_HEADER, NEW_HEADER);
    }

    /**
     * Replaces [start of {@code from}, start of {@code to}) with {@code with}. A missing marker is an error: a silently
     * skipped step would leave float code (or a stale comment) in the generated kernel.
     */
    private static String cut(String src, String from, String to, String with) {
        int start = src.indexOf(from);
        int end = start < 0 ? -1 : src.indexOf(to, start);
        if (end < 0) {
            throw new IllegalStateException("FloatRnnKernel.java no longer has '" + from.strip() + "' followed by '"
                    + to.strip() + "'; update DoubleKernelGenerator");
        }
        return src.substring(0, start) + with + src.substring(end);
    }

    /** Reads a source file with line ends normalised to \n, so a CRLF checkout compares and generates the same. */
    static String read(Path file) throws IOException {
        return Files.readString(file).replace("\r\n", "\n");
    }

    public static void main(String[] args) throws IOException {
        if (!Files.isRegularFile(FLOAT_KERNEL)) {
            throw new IllegalStateException(FLOAT_KERNEL + " not found: run from the repository root");
        }
        Files.writeString(DOUBLE_KERNEL, generate(read(FLOAT_KERNEL)));
        System.out.println("wrote " + DOUBLE_KERNEL);
    }
}
