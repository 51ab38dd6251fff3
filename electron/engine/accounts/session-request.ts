// What the trader asks of a session (the contract's shape, validated at the boundary).
import type { z } from 'zod';
import type { DeskStartSchema } from '../../../shared/desk-contract';

export type SessionRequest = z.output<typeof DeskStartSchema>;
