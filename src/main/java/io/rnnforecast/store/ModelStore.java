package io.rnnforecast.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.model.LinearAutoregression;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainedModel} in a directory at any Hadoop filesystem URI:
 * <pre>
 *   model.zip    the network (DL4J ModelSerializer, with the updater state, so training could continue)
 *   member-K.zip an ensemble's members 2..N (model.ensemble.members), the same way
 *   model.json   format version, the recipe (model, window, split, scaling, repair), the provenance and the
 *                least-squares linear baseline's coefficients
 *   calibration.json  the forecasters' conformal interval calibration ({@link IntervalCalibration}), when made
 *   scalers/     Parquet: unique_id, scaling, center, scale (one row per series trained or evaluated on)
 * </pre>
 * The directory is written in that order, model.json last but one and scalers last; a directory without model.json
 * is refused on load.
 */
public final class ModelStore {
    public static final String NETWORK_FILE = "model.zip";
    public static final String DESCRIPTION_FILE = "model.json";
    public static final String SCALERS_DIR = "scalers";
    public static final String CALIBRATION_FILE = "calibration.json";
    /**
     * Bumped when model.json changes incompatibly; a model of another format is refused with its version named.
     * 3: the model section in three parts (architecture, objective, optimization); format 2 is read and brought to
     * that shape ({@link RecipeJson#withDefaults}).
     */
    public static final int FORMAT = 3;
    private static final int OLDEST_READ = 2;
    /** Package-visible: tests read and write model.json with the same settings. */
    static final ObjectMapper JSON = RecipeJson.JSON;

    /** The content of model.json. */
    record Description(int format, TrainedModel.Recipe recipe, ModelProvenance provenance,
                       LinearAutoregression linear) {
    }

    private final SparkSession spark;
    private final String directory;

    public ModelStore(SparkSession spark, String directory) {
        this.spark = spark;
        this.directory = directory;
    }

    public void save(TrainedModel model) {
        try {
            Path dir = new Path(directory);
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(dir);
            for (int k = 0; k < model.networks().size(); k++) {
                try (FSDataOutputStream out = fs.create(new Path(dir, networkFile(k)), true)) {
                    out.write(toBytes(model.networks().get(k), true));
                }
            }
            try (FSDataOutputStream out = fs.create(new Path(dir, DESCRIPTION_FILE), true)) {
                JSON.writeValue((OutputStream) out, new Description(FORMAT, model.recipe(), model.provenance(),
                        model.linear()));
            }
            Path calibration = new Path(dir, CALIBRATION_FILE);
            if (model.calibration() != null) {
                try (FSDataOutputStream out = fs.create(calibration, true)) {
                    JSON.writeValue((OutputStream) out, model.calibration());
                }
            } else {
                // a retrain without intervals into the same directory must not keep the old model's
                fs.delete(calibration, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the model to " + directory + ": " + e.getMessage(), e);
        }
        model.scalers().write().mode(SaveMode.Overwrite).parquet(scalersPath());
    }

    public TrainedModel load() {
        Description d;
        try (FSDataInputStream in = open(DESCRIPTION_FILE)) {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree((InputStream) in);
            if (tree.get("recipe") instanceof com.fasterxml.jackson.databind.node.ObjectNode recipe) {
                RecipeJson.withDefaults(recipe);
            }
            d = JSON.treeToValue(tree, Description.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DESCRIPTION_FILE + " in " + directory + ": "
                    + e.getMessage(), e);
        }
        if (d.format() < OLDEST_READ || d.format() > FORMAT) {
            throw new IllegalStateException("The model in " + directory + " has format " + d.format() + "; this"
                    + " version reads formats " + OLDEST_READ + " to " + FORMAT + ": train it again");
        }
        List<MultiLayerNetwork> networks = new ArrayList<>();
        for (int k = 0; k < d.recipe().ensemble().members(); k++) {
            try (FSDataInputStream in = open(networkFile(k))) {
                networks.add(ModelSerializer.restoreMultiLayerNetwork(in, true));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the network " + networkFile(k) + " from " + directory
                        + ": " + e.getMessage(), e);
            }
        }
        return new TrainedModel(networks, d.recipe(), AssembledSeries.scalers(spark.read().parquet(scalersPath())),
                d.linear(), d.provenance(), calibration());
    }

    /** calibration.json, or null for a model saved without one. */
    private IntervalCalibration calibration() {
        try {
            Path path = new Path(new Path(directory), CALIBRATION_FILE);
            if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
                return null;
            }
            try (FSDataInputStream in = open(CALIBRATION_FILE)) {
                return JSON.readValue((InputStream) in, IntervalCalibration.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CALIBRATION_FILE + " in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** model.zip for the (first member's) network, member-2.zip .. member-N.zip for an ensemble's others. */
    static String networkFile(int member) {
        return member == 0 ? NETWORK_FILE : "member-" + (member + 1) + ".zip";
    }

    private String scalersPath() {
        return new Path(new Path(directory), SCALERS_DIR).toString();
    }

    private FSDataInputStream open(String file) throws IOException {
        Path path = new Path(new Path(directory), file);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
            throw new IOException("no " + file + " there; train a model into this directory first"
                    + " (train.model-dir)");
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
