/**
 * How a plain paged list fetches (`api-keys list`, `spaces list`): the
 * paging options (cli/paging.ts) turned into requests. Apart from
 * cli/paging.ts because declarations import that module on every start-up,
 * and pagination is only needed once a list runs.
 */
import { firstPage, type PagedRecords, type PageFetcher, paginate } from "../api/paginate.ts";
import { PAGE_SIZE, type Paging } from "./paging.ts";

/**
 * The records a paged list asks for: without `--limit` or `--all` exactly
 * one request of `defaultLimit`; else that many records (or all of them)
 * across pages, reporting progress when more than one page is coming (T5).
 */
export function listPages<T>(
  fetchPage: PageFetcher<T>,
  list: { paging: Paging; defaultLimit: number; progress: (fetched: number) => void },
): PagedRecords<T> {
  const { want, cursor } = list.paging;
  if (want === "page") return firstPage(fetchPage, { limit: list.defaultLimit, cursor });
  return paginate(fetchPage, {
    want,
    cursor,
    onProgress: want === "all" || want > PAGE_SIZE ? list.progress : undefined,
  });
}
