package io.mortar.model.bookmark;

/**
 * The state a bookmark keeps for one transformation context: a file source ({@link FilesBookmark}) or a JDBC table
 * ({@link JdbcBookmark}).
 */
public sealed interface SourceBookmark permits FilesBookmark, JdbcBookmark {
    /** What the source reads: a catalog table ({@code db.table}), paths, or {@code <type>:<dbtable>}. */
    String target();
}
