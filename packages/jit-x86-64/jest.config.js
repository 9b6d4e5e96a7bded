import base from '../../jest.base.js';
export default { ...base, displayName: 'jit-x86-64' };
