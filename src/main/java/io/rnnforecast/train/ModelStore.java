package io.rnnforecast.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A model directory at any Hadoop filesystem URI: {@code model.zip} (DL4J's ModelSerializer, with updater state)
 * and {@code provenance.json}.
 */
public final class ModelStore {
    public static final String MODEL_FILE = "model.zip";
    public static final String PROVENANCE_FILE = "provenance.json";
    /** Per-series scalers (unique_id, scaling, center, scale) as Parquet: the model's input and output transform. */
    public static final String SCALERS_DIR = "scalers";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Configuration hadoop;
    private final String directory;

    public ModelStore(Configuration hadoop, String directory) {
        this.hadoop = hadoop;
        this.directory = directory;
    }

    public String scalersPath() {
        return new Path(new Path(directory), SCALERS_DIR).toString();
    }

    public void save(MultiLayerNetwork network, ModelProvenance provenance) {
        try {
            Path dir = new Path(directory);
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.mkdirs(dir);
            try (FSDataOutputStream out = fs.create(new Path(dir, MODEL_FILE), true)) {
                out.write(toBytes(network, true));
            }
            try (FSDataOutputStream out = fs.create(new Path(dir, PROVENANCE_FILE), true)) {
                JSON.writeValue((java.io.OutputStream) out, provenance);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the model to " + directory + ": " + e.getMessage(), e);
        }
    }

    public MultiLayerNetwork loadNetwork() {
        try (FSDataInputStream in = open(MODEL_FILE)) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the model from " + directory + ": " + e.getMessage(), e);
        }
    }

    public ModelProvenance loadProvenance() {
        try (FSDataInputStream in = open(PROVENANCE_FILE)) {
            return JSON.readValue((java.io.InputStream) in, ModelProvenance.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROVENANCE_FILE + " in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    private FSDataInputStream open(String file) throws IOException {
        Path path = new Path(new Path(directory), file);
        FileSystem fs = path.getFileSystem(hadoop);
        if (!fs.exists(path)) {
            throw new IOException("no " + file + " there; train a model into this directory first (train.model-dir)");
        }
        return fs.open(path);
    }

    /** The network as ModelSerializer bytes; the updater state is needed to resume training, not to forecast. */
    public static byte[] toBytes(MultiLayerNetwork network, boolean withUpdater) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, bytes, withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MultiLayerNetwork fromBytes(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
