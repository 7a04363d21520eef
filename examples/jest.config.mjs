// ES modules as they are: no Babel transform.
export default { rootDir: new URL('.', import.meta.url).pathname, testMatch: ['<rootDir>/*.jest.mjs'], transform: {}, testEnvironment: 'node' };
