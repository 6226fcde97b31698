/** The govukPagination view-model for a paged list, keeping the other query parameters in each link. */
export interface PageInfo {
  page: number;
  perPage: number;
  total: number;
}

type Query = Record<string, string | number | undefined | null>;

/** `path?a=1&page=2`, leaving out empty parameters (and page 1). */
export function pageHref(path: string, query: Query, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && k !== 'page') params.set(k, String(v));
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function paginationView(info: PageInfo, path: string, query: Query) {
  const pages = Math.max(1, Math.ceil(info.total / info.perPage));
  const from = info.total === 0 ? 0 : (info.page - 1) * info.perPage + 1;
  const to = Math.min(info.total, info.page * info.perPage);
  const summary = { from, to, total: info.total };
  if (pages <= 1) return { summary, pagination: null };
  const shown = [...new Set([1, info.page - 1, info.page, info.page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - (shown[i - 1] ?? p) > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: pageHref(path, query, p), current: p === info.page });
  });
  return {
    summary,
    pagination: {
      items,
      previous: info.page > 1 ? { href: pageHref(path, query, info.page - 1) } : undefined,
      next: info.page < pages ? { href: pageHref(path, query, info.page + 1) } : undefined,
    },
  };
}
