/** The Regions and partitions live in the leaf `modules/core`; config re-exports them for its own users. */
export * from '../modules/core/regions';
