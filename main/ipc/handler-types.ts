/** The handler table's type: one function per invoke channel (the feature handler files fill parts of it). */
import type { InvokeArgs, InvokeChannel, InvokeValue } from '../../common/contract';

/** One function per invoke channel. */
export type Handlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeValue<C>> | InvokeValue<C>;
};
