package io.rnnforecast.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Checkpoints of one run at any Hadoop filesystem URI: {@code <model-dir>/checkpoints/run_id=<id>/epoch-000007/}
 * holding {@code checkpoint.bin} (Java serialization of the settings string, then the {@link Checkpoint}: the
 * settings a checkpoint was made with must equal this training's, else it is ignored with a warning: a run id
 * reused with another model must not continue the old one) and an empty {@code _COMPLETE} written
 * after it. A directory without {@code _COMPLETE} (the driver died while writing it) is ignored, older epochs are
 * deleted only after the newer one is complete: a crash at any point leaves a readable latest checkpoint, with no
 * rename (not atomic on object stores) involved.
 */
public final class CheckpointStore implements Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final String COMPLETE = "_COMPLETE";
    private static final String FILE = "checkpoint.bin";

    private final Configuration hadoop;
    private final Path runDir;
    private final String settings;

    /** {@code settings}: what a checkpoint must have been made with to be resumed from (see {@link Checkpoint}). */
    public CheckpointStore(Configuration hadoop, String modelDir, String runId, String settings) {
        this.hadoop = hadoop;
        this.runDir = new Path(new Path(modelDir, "checkpoints"), "run_id=" + runId);
        this.settings = settings;
    }

    /** Saves like this store but never resumes (train.resume = never): a later retry can still resume. */
    public Checkpoints saveOnly() {
        CheckpointStore store = this;
        return new Checkpoints() {
            @Override
            public Optional<Checkpoint> latest() {
                return Optional.empty();
            }

            @Override
            public void save(Checkpoint checkpoint) {
                store.save(checkpoint);
            }
        };
    }

    @Override
    public Optional<Checkpoint> latest() {
        try {
            FileSystem fs = runDir.getFileSystem(hadoop);
            Optional<Path> newest = completeEpochs(fs).max(Comparator.comparing(Path::getName));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            Checkpoint c;
            String madeWith;
            try (ObjectInputStream in = new ObjectInputStream(fs.open(new Path(newest.get(), FILE)))) {
                madeWith = (String) in.readObject();
                c = (Checkpoint) in.readObject();
            } catch (ClassNotFoundException | java.io.InvalidClassException e) {
                LOG.warn("{} was written by another version ({}): training starts from scratch", newest.get(),
                        e.getMessage());
                return Optional.empty();
            }
            if (!settings.equals(madeWith)) {
                LOG.warn("The checkpoint {} was made with other settings: training starts from scratch (set"
                        + " train.resume = never to silence this, or use another run-id)", newest.get());
                return Optional.empty();
            }
            return Optional.of(c);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoints in " + runDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Path dir = new Path(runDir, String.format("epoch-%06d", checkpoint.epoch()));
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.mkdirs(dir);
            try (ObjectOutputStream out = new ObjectOutputStream(fs.create(new Path(dir, FILE), true))) {
                out.writeObject(settings);
                out.writeObject(checkpoint);
            }
            try (FSDataOutputStream marker = fs.create(new Path(dir, COMPLETE), true)) {
                marker.hflush();
            }
            for (FileStatus old : fs.listStatus(runDir)) {
                if (!old.getPath().getName().equals(dir.getName())) {
                    fs.delete(old.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    private java.util.stream.Stream<Path> completeEpochs(FileSystem fs) throws IOException {
        if (!fs.exists(runDir)) {
            return java.util.stream.Stream.empty();
        }
        FileStatus[] epochs = fs.listStatus(runDir, p -> p.getName().startsWith("epoch-"));
        return Arrays.stream(epochs).map(FileStatus::getPath).filter(p -> {
            try {
                return fs.exists(new Path(p, COMPLETE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
