/**
 * Lays out a parquet file: "PAR1", then per row group per column one
 * snappy-compressed DATA_PAGE (v1), then the FileMetaData footer, its length
 * and "PAR1" again. Each row group goes to the sink as soon as it is complete,
 * so memory is bounded by one group, not by the file.
 */
import { ByteBuffer } from "./byte_buffer.ts";
import { BooleanColumn, ByteArrayColumn, type ColumnBuffer, Int64Column } from "./column_buffer.ts";
import {
  type ColumnChunk,
  type RowGroup,
  type SchemaField,
  writeFileMetaData,
  writePageHeader,
} from "./metadata.ts";
import { SnappyCompressor } from "./snappy.ts";

/** Where the file's bytes go, in order. Each chunk is a fresh array the writer does not touch again. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** What a file holds besides its rows. */
export interface ParquetFileOptions {
  /** The flat schema: one field per column, in order. */
  readonly fields: readonly SchemaField[];
  /** The footer's `created_by`: the writing application. */
  readonly createdBy: string;
}

const MAGIC = new TextEncoder().encode("PAR1");

/**
 * Writes one parquet file with a flat schema. Add each row's values to
 * {@link columns} (one value per column per row), call {@link writeRowGroup}
 * whenever a group is full, and {@link finish} once at the end.
 */
export class ParquetFileWriter {
  /** One buffer per schema field, in schema order. */
  readonly columns: readonly ColumnBuffer[];
  readonly #fields: readonly SchemaField[];
  readonly #sink: ByteSink;
  readonly #createdBy: string;
  readonly #rowGroups: RowGroup[] = [];
  readonly #snappy = new SnappyCompressor();
  /** One uncompressed page at a time. */
  readonly #page = new ByteBuffer(64 * 1024);
  /** The row group being laid out; kept between groups so it grows only once. */
  readonly #group = new ByteBuffer(64 * 1024);
  /** File bytes handed to the sink so far: the offset of what comes next. */
  #offset = 0;

  /** A writer of a file described by `options` into `sink`. */
  constructor(options: ParquetFileOptions, sink: ByteSink) {
    this.#fields = options.fields;
    this.#createdBy = options.createdBy;
    this.#sink = sink;
    this.columns = options.fields.map(columnBuffer);
  }

  /** Rows added since the last row group was written. */
  get pendingRows(): number {
    return this.columns[0]?.rows ?? 0;
  }

  /** Writes the rows added so far as one row group (nothing when there are none). */
  async writeRowGroup(): Promise<void> {
    const numRows = this.pendingRows;
    if (numRows === 0) return;
    const out = this.#group;
    out.reset();
    if (this.#offset === 0) out.append(MAGIC);
    const chunks: ColumnChunk[] = [];
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i];
      if (column.rows !== numRows) {
        throw new Error(
          `parquet column '${this.#fields[i].name}' has ${column.rows} values for ${numRows} rows`,
        );
      }
      chunks.push(this.#writeColumnChunk(this.#fields[i], column, out));
      column.reset();
    }
    this.#rowGroups.push({ columns: chunks, numRows });
    await this.#emit(out);
  }

  /** Writes any pending rows, then the footer. The writer is done after this. */
  async finish(): Promise<void> {
    await this.writeRowGroup();
    const out = new ByteBuffer(1024);
    if (this.#offset === 0) out.append(MAGIC);
    const start = out.length;
    writeFileMetaData(out, {
      fields: this.#fields,
      rowGroups: this.#rowGroups,
      createdBy: this.#createdBy,
    });
    out.uint32(out.length - start);
    out.append(MAGIC);
    await this.#emit(out);
  }

  /** Appends one column's page (header and compressed body) to `out`; returns its metadata. */
  #writeColumnChunk(field: SchemaField, column: ColumnBuffer, out: ByteBuffer): ColumnChunk {
    const page = this.#page;
    page.reset();
    column.writePage(page);
    const body = this.#snappy.compress(page.written());
    const dataPageOffset = this.#offset + out.length;
    writePageHeader(out, {
      uncompressedSize: page.length,
      compressedSize: body.length,
      numValues: column.rows,
    });
    const headerSize = this.#offset + out.length - dataPageOffset;
    out.append(body);
    return {
      field,
      numValues: column.rows,
      totalUncompressedSize: headerSize + page.length,
      totalCompressedSize: headerSize + body.length,
      dataPageOffset,
      statistics: column.statistics(),
    };
  }

  async #emit(out: ByteBuffer): Promise<void> {
    // A copy of exactly the bytes written: the sink may keep it while `out` is reused.
    const chunk = out.written().slice();
    this.#offset += chunk.length;
    await this.#sink.write(chunk);
  }
}

function columnBuffer(field: SchemaField): ColumnBuffer {
  const optional = field.repetition === "OPTIONAL";
  switch (field.type) {
    case "BYTE_ARRAY":
      return new ByteArrayColumn(optional);
    case "INT64":
      return new Int64Column(optional);
    case "BOOLEAN":
      return new BooleanColumn(optional);
  }
}
