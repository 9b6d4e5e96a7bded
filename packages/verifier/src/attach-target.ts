// bpf_check_attach_target() for freplace (BPF_PROG_TYPE_EXT) programs, as the series leaves
// it: a replacement for a function with more than five arguments is not supported
// ("freplace programs with >%d args not supported yet").
import { MAX_BPF_FUNC_REG_ARGS } from '@bpfkit/ir';
import { reject } from './errors.js';

export function checkAttachTarget(freplaceArgs: number | undefined): void {
  if (freplaceArgs !== undefined && freplaceArgs > MAX_BPF_FUNC_REG_ARGS)
    reject('FREPLACE_ARGS', `freplace programs with >${MAX_BPF_FUNC_REG_ARGS} args not supported yet`, 0);
}
