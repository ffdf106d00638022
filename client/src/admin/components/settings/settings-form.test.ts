import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { PublicEvent } from '@dealboard/shared';
import SettingsForm from './settings-form.vue';
import { fakeServer, mountConsole } from '../../test/harness';
import { demoEvent } from '../../../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const branded: PublicEvent = {
  ...demoEvent,
  settings: { ...demoEvent.settings, branding: { theme: 'light', title: 'Misi Dagang 2026', primaryColor: '#0f766e' } },
};

describe('event settings', () => {
  it('keeps the branding when only the seller privacy changes (the whole settings object is sent)', async () => {
    const server = fakeServer({ 'PATCH /events/demo': ({ body }) => ({ body: { ...branded, ...(body as object) } }) });
    const w = mountConsole(SettingsForm, { event: branded });
    await w.get('#st-privacy').setValue('category');
    await w.get('form').trigger('submit');
    await flushPromises();
    const sent = server.sent('PATCH', '/events/demo')[0]?.body as { settings: PublicEvent['settings'] };
    expect(sent.settings).toMatchObject({ sellerPrivacy: 'category', branding: { theme: 'light', title: 'Misi Dagang 2026', primaryColor: '#0f766e' } });
    expect(w.text()).toContain('Tersimpan');
  });

  it('asks for the threshold when approval is switched on', async () => {
    const server = fakeServer({});
    const w = mountConsole(SettingsForm, { event: demoEvent });
    await w.get('[data-testid="approval-required"]').setValue(true);
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="error-settings.approvalThreshold"]').text()).toBe('Isi batas persetujuan.');
    expect(server.calls).toHaveLength(0);

    await w.get('[data-testid="approval-threshold-input"]').setValue('500 jt');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(server.sent('PATCH', '/events/demo')[0]?.body).toMatchObject({ settings: { approvalRequired: true, approvalThreshold: 500_000_000 } });
  });

  it('sends the logo only when it changed: the event names it by URL, the server keeps the image', async () => {
    const withLogo: PublicEvent = { ...branded, settings: { ...branded.settings, branding: { ...branded.settings.branding, logoUrl: '/api/v1/events/demo/logo?v=abc' } } };
    const server = fakeServer({ 'PATCH /events/demo': { body: withLogo } });
    const w = mountConsole(SettingsForm, { event: withLogo });
    expect(w.get('.logo-picker img').attributes('src')).toBe('/api/v1/events/demo/logo?v=abc');
    await w.get('form').trigger('submit');
    await flushPromises();
    const branding = (server.sent('PATCH', '/events/demo')[0]?.body as { settings: { branding: Record<string, unknown> } }).settings.branding;
    expect(branding).not.toHaveProperty('logo');
    expect(branding).not.toHaveProperty('logoUrl');
    await w.get('.logo-picker button').trigger('click');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect((server.sent('PATCH', '/events/demo')[1]?.body as { settings: { branding: { logo: unknown } } }).settings.branding.logo).toBeNull();
  });
});
