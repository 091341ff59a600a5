/**
 * The front door of the notifications module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Telling people what happened, in their language, by the way they chose.
 */

export { ALWAYS_SENT, deliveryFor, languagesFor, NOTIFICATION_EVENTS, NOTIFICATION_PREFERENCES } from './rules.ts';
export type { Delivery, NotificationEvent, NotificationPreference } from './rules.ts';
export { composeDigest, composeNotification, type NotificationData } from './templates.ts';
export { createNotificationsService, notify, type Notification, type NotificationsService, type Recipient } from './service.ts';
export { notificationRoutes } from './routes.ts';
export { subscribePortalNotices } from './portal-notices.ts';
