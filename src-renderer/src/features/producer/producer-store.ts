/** The producer form, kept across section switches, so a half-typed record survives a look at another screen. */
import { create } from 'zustand';
import { EMPTY_FORM, type ProducerForm } from './producer-form.js';

export interface ProducerStoreState {
  form: ProducerForm;
  patch(p: Partial<ProducerForm>): void;
}

export const useProducerStore = create<ProducerStoreState>()((set) => ({
  form: EMPTY_FORM,
  patch: (p) => set((s) => ({ form: { ...s.form, ...p } })),
}));
