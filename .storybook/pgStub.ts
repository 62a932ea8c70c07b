/** Stands in for `pg` in the Storybook bundle: stories use PGlite; PostgreSQL needs Node. */
const pg = {
  types: { setTypeParser() {} },
  Pool: class {
    constructor() {
      throw new Error('PostgreSQL is not available in the browser; stories use PGlite.');
    }
  },
};
export default pg;
