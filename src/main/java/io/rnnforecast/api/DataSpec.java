package io.rnnforecast.api;

import io.rnnforecast.config.Settings;
import io.rnnforecast.generate.GeneratorKind;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.ingest.SourceFormat;
import io.rnnforecast.series.RepairPolicy;

import java.io.Serializable;

/**
 * The data section: what {@code generate} writes ({@code generator}, {@code series}, {@code seed},
 * {@code partitions}), where the long-format dataset is and how to read it ({@code path}, {@code format},
 * {@code columns}), its name in the result tables, and how its series are repaired. {@code staticPath}: a side
 * table of per-series columns in the same format, joined on by id ({@link io.rnnforecast.ingest.StaticTable});
 * empty: none.
 */
public record DataSpec(GeneratorKind generator, long series, long seed, int partitions, String path,
                       SourceFormat format, String name, SeriesColumns columns, RepairPolicy repair,
                       String staticPath) implements Serializable {

    public static DataSpec from(Settings s) {
        return new DataSpec(s.oneOf("data.generator", GeneratorKind.class), s.longIn("data.series", 1, 10_000_000_000L),
                s.anyLong("data.seed"), s.intIn("data.partitions", 0, 1_000_000), s.nonEmpty("data.path"),
                s.oneOf("data.format", SourceFormat.class), s.nonEmpty("data.name"), SeriesColumns.from(s),
                RepairPolicy.from(s), s.string(io.rnnforecast.ingest.StaticTable.PATH).trim());
    }

    public boolean hasStaticTable() {
        return !staticPath.isEmpty();
    }

    public boolean generates() {
        return generator != GeneratorKind.NONE;
    }
}
