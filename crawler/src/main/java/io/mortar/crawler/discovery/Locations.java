package io.mortar.crawler.discovery;

/**
 * Locations as the catalog records them, in the include path's own scheme ({@code s3://bucket/sales/}) even when
 * the files are read through another ({@code s3a://}): folders end in {@code /}.
 */
final class Locations {
    private final String prefix;

    /** @param includeLocation the include path as the user wrote it; a folder's gains a trailing {@code /} */
    Locations(String includeLocation, boolean includeIsFile) {
        this.prefix = includeIsFile || includeLocation.endsWith("/") ? includeLocation : includeLocation + "/";
    }

    String folder(Folder folder) {
        return folder.relative.isEmpty() ? prefix : prefix + folder.relative + "/";
    }

    String file(ListedFile file) {
        return prefix.endsWith("/") ? prefix + file.relative() : prefix;
    }

    static String normalized(String location) {
        return location.endsWith("/") ? location : location + "/";
    }
}
