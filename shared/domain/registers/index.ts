import type { AnyRegister } from './descriptor';
import { CARRIERS_REGISTER } from './carriers';
import { INCOMING_REGISTER } from './incoming';
import { MEETINGS_REGISTER } from './meetings';
import { OUTGOING_REGISTER } from './outgoing';
import { TASKS_REGISTER } from './tasks';

export * from './descriptor';
export { CARRIERS_REGISTER, CARRIER_SERIES, serialOrder, serialPosition } from './carriers';
export { INCOMING_REGISTER, INCOMING_SERIES } from './incoming';
export { MEETINGS_REGISTER, meetingNumber, minutesSeries } from './meetings';
export { OUTGOING_REGISTER, outgoingNumber } from './outgoing';
export { TASKS_REGISTER, TASK_SERIES } from './tasks';

/**
 * Every register, in the order screens list them and a 迁移包 carries them. Cross-cutting code
 * takes a registry as a parameter defaulting to this list (tests pass their own, with an extra
 * register, to show a new one needs nothing else).
 */
export const REGISTERS: readonly AnyRegister[] = [INCOMING_REGISTER, OUTGOING_REGISTER, CARRIERS_REGISTER, MEETINGS_REGISTER, TASKS_REGISTER];

/** The register of `kind` in `registers`, or undefined. */
export function registerOf(kind: string, registers: readonly AnyRegister[] = REGISTERS): AnyRegister | undefined {
  return registers.find((r) => r.kind === kind);
}
