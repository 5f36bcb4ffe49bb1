import type { z } from 'zod';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';

/** A small office open every day around the clock, so tests do not depend on the hour they run at. */
export function testOffice(overrides: Partial<z.input<typeof officeConfigSchema>> = {}): OfficeConfig {
  const allDay = [{ open: '00:00', close: '24:00' }];
  return officeConfigSchema.parse({
    name: 'Test office',
    timeZone: 'Europe/Rome',
    services: [
      { id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate', 'information', 'second-level'], defaultServiceMinutes: 5 },
      { id: 'idcard', prefix: 'B', name: { it: "Carta d'identità", en: 'Identity card' }, outcomes: ['id-card-electronic', 'id-card-paper'], defaultServiceMinutes: 15 },
      { id: 'info', prefix: 'C', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'], defaultServiceMinutes: 4 },
    ],
    desks: [
      { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'idcard', 'info'] },
      { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'idcard', 'info'] },
      { id: 'desk-3', name: 'Sportello 3', kind: 'front', services: ['certs', 'info'] },
      { id: 'back-1', name: 'Back office 1', kind: 'back', services: ['certs', 'idcard'] },
    ],
    openingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    thresholds: { busyWhenWaitingAtLeast: 6, busyWhenWaitMinutesAtLeast: 60, calmWhenWaitingAtMost: 2, calmWhenWaitMinutesAtMost: 20 },
    policy: { maxPriorityInRow: 2, appointmentWindowMinutes: 10, serviceTimeSamples: 20 },
    ...overrides,
  });
}
