/** The width tables are fitted to when output is not a terminal (pipes, files) and COLUMNS is unset. */
export const DEFAULT_WIDTH = 120;
