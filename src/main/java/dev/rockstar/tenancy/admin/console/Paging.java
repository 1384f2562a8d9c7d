package dev.rockstar.tenancy.admin.console;

/** Where a paged list stands: page numbers from 0, as the {@code page} parameter carries them. */
public record Paging(int page, int size, long total) {

    static final int MAX_PAGE = 1_000_000;

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public int previous() {
        return page - 1;
    }

    public int next() {
        return page + 1;
    }

    public long first() {
        return total == 0 ? 0 : (long) page * size + 1;
    }

    public long last() {
        return Math.min(total, (long) (page + 1) * size);
    }

    /** A page number from a request parameter; anything but a sensible number is the first page. */
    static int pageParam(String value) {
        try {
            int page = Integer.parseInt(value == null ? "0" : value.strip());
            return page < 0 || page > MAX_PAGE ? 0 : page;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
