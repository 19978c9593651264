/**
 * The two Thrift structures of parquet.thrift (apache/parquet-format) that ax
 * writes: the PageHeader before each data page and the FileMetaData footer,
 * limited to the fields ax uses. Field ids and enum values are the spec's.
 */
import type { ByteBuffer } from "./byte_buffer.ts";
import type { ColumnStatistics } from "./column_buffer.ts";
import { CompactWriter } from "./thrift_compact.ts";

/** The physical types ax writes. */
export type PhysicalType = "BOOLEAN" | "INT64" | "BYTE_ARRAY";

/** One leaf column of the (flat) schema. */
export interface SchemaField {
  readonly name: string;
  readonly type: PhysicalType;
  readonly repetition: "REQUIRED" | "OPTIONAL";
  /** The legacy annotation older readers understand. */
  readonly convertedType?: "UTF8" | "TIMESTAMP_MICROS";
  /** The current annotation; a timestamp's is always in microseconds. */
  readonly logicalType?:
    | { readonly type: "STRING" }
    | { readonly type: "TIMESTAMP"; readonly isAdjustedToUTC: boolean };
}

/** Sizes and counts of one data page. */
export interface PageHeader {
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  /** Rows in the page, nulls included. */
  readonly numValues: number;
}

/** Where one column chunk lies in the file and what it holds. */
export interface ColumnChunk {
  readonly field: SchemaField;
  /** Rows, nulls included. */
  readonly numValues: number;
  /** Page header plus uncompressed page body. */
  readonly totalUncompressedSize: number;
  /** Page header plus compressed page body: the chunk's bytes in the file. */
  readonly totalCompressedSize: number;
  /** File offset of the chunk's (only) data page header. */
  readonly dataPageOffset: number;
  readonly statistics: ColumnStatistics;
}

/** One row group, columns in schema order. */
export interface RowGroup {
  readonly columns: readonly ColumnChunk[];
  readonly numRows: number;
}

/** The file footer's content. */
export interface FileMetaData {
  readonly fields: readonly SchemaField[];
  readonly rowGroups: readonly RowGroup[];
  readonly createdBy: string;
}

const PHYSICAL_TYPE = { BOOLEAN: 0, INT64: 2, BYTE_ARRAY: 6 } as const;
const REPETITION = { REQUIRED: 0, OPTIONAL: 1 } as const;
const CONVERTED_TYPE = { UTF8: 0, TIMESTAMP_MICROS: 10 } as const;
const ENCODING = { PLAIN: 0, RLE: 3 } as const;
const CODEC_SNAPPY = 1;
const PAGE_TYPE_DATA_PAGE = 0;

/** Appends the PageHeader of a DATA_PAGE (v1) of PLAIN values with RLE levels. */
export function writePageHeader(out: ByteBuffer, page: PageHeader): void {
  const thrift = new CompactWriter(out);
  thrift.message(() => {
    thrift.i32(1, PAGE_TYPE_DATA_PAGE);
    thrift.i32(2, page.uncompressedSize);
    thrift.i32(3, page.compressedSize);
    thrift.struct(5, () => {
      thrift.i32(1, page.numValues);
      thrift.i32(2, ENCODING.PLAIN);
      thrift.i32(3, ENCODING.RLE); // definition levels
      thrift.i32(4, ENCODING.RLE); // repetition levels (none: the schema is flat)
    });
  });
}

/** Appends the FileMetaData struct (without the length and magic that follow it). */
export function writeFileMetaData(out: ByteBuffer, meta: FileMetaData): void {
  const thrift = new CompactWriter(out);
  thrift.message(() => {
    // Version 1: nothing here needs a newer reader (v1 data pages, PLAIN, RLE).
    thrift.i32(1, 1);
    thrift.structList(2, [undefined, ...meta.fields], (field) => {
      if (field === undefined) {
        // The root: a group whose children are the columns.
        thrift.string(4, "root");
        thrift.i32(5, meta.fields.length);
      } else {
        writeSchemaElement(thrift, field);
      }
    });
    thrift.i64(3, meta.rowGroups.reduce((rows, group) => rows + group.numRows, 0));
    thrift.structList(4, meta.rowGroups, (group) => writeRowGroup(thrift, group));
    thrift.string(6, meta.createdBy);
    // TYPE_ORDER for each column: tells readers min/max follow the type's
    // natural (signed) order, so they may use them.
    thrift.structList(7, meta.fields, () => thrift.struct(1, () => {}));
  });
}

function writeSchemaElement(thrift: CompactWriter, field: SchemaField): void {
  thrift.i32(1, PHYSICAL_TYPE[field.type]);
  thrift.i32(3, REPETITION[field.repetition]);
  thrift.string(4, field.name);
  if (field.convertedType) thrift.i32(6, CONVERTED_TYPE[field.convertedType]);
  const logical = field.logicalType;
  if (logical?.type === "STRING") {
    thrift.struct(10, () => thrift.struct(1, () => {}));
  } else if (logical?.type === "TIMESTAMP") {
    thrift.struct(10, () =>
      thrift.struct(8, () => {
        thrift.bool(1, logical.isAdjustedToUTC);
        thrift.struct(2, () => thrift.struct(2, () => {})); // unit: MICROS
      }));
  }
}

function writeRowGroup(thrift: CompactWriter, group: RowGroup): void {
  let uncompressed = 0;
  let compressed = 0;
  for (const column of group.columns) {
    uncompressed += column.totalUncompressedSize;
    compressed += column.totalCompressedSize;
  }
  thrift.structList(1, group.columns, (column) => {
    // file_offset is deprecated; writers put the chunk's start there.
    thrift.i64(2, column.dataPageOffset);
    thrift.struct(3, () => writeColumnMetaData(thrift, column));
  });
  thrift.i64(2, uncompressed);
  thrift.i64(3, group.numRows);
  if (group.columns.length > 0) thrift.i64(5, group.columns[0].dataPageOffset);
  thrift.i64(6, compressed);
}

function writeColumnMetaData(thrift: CompactWriter, column: ColumnChunk): void {
  thrift.i32(1, PHYSICAL_TYPE[column.field.type]);
  thrift.i32List(2, [ENCODING.PLAIN, ENCODING.RLE]);
  thrift.stringList(3, [column.field.name]);
  thrift.i32(4, CODEC_SNAPPY);
  thrift.i64(5, column.numValues);
  thrift.i64(6, column.totalUncompressedSize);
  thrift.i64(7, column.totalCompressedSize);
  thrift.i64(9, column.dataPageOffset);
  const { nullCount, min, max } = column.statistics;
  thrift.struct(12, () => {
    thrift.i64(3, nullCount);
    if (max) thrift.binary(5, max);
    if (min) thrift.binary(6, min);
  });
}
