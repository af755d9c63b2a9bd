// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeCore } from '../../test-support.js';
import { ConnectionBanner } from './connection-banner.js';

describe('ConnectionBanner', () => {
  afterEach(cleanup);

  it('stays hidden while connecting or connected', () => {
    const { fake } = installFakeCore({}, 'connecting');
    render(<ConnectionBanner />);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    act(() => fake.setState('open'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('says the link was lost after having been connected', () => {
    const { fake } = installFakeCore({}, 'open');
    render(<ConnectionBanner />);
    act(() => fake.setState('closed'));
    expect(screen.getByTestId('connection-banner').textContent).toContain('Lost the connection');
    act(() => fake.setState('open'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('points at the token when the very first connection fails', () => {
    installFakeCore({}, 'closed');
    render(<ConnectionBanner />);
    expect(screen.getByTestId('connection-banner').textContent).toContain('token changes on every run');
  });
});
