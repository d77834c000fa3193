import type { CustomRoute } from '@slack/bolt';

import { HEALTH_PATH, writeHealth, type HealthState } from '../health.js';

export { addressOf, closeServer, HEALTH_PATH, startHealthServer, type HealthState } from '../health.js';

/** The health endpoint as a route of Bolt's HTTP receiver. */
export function healthRoute(state: HealthState): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET', 'HEAD'],
    handler: (_request, response) => writeHealth(response, state),
  };
}
