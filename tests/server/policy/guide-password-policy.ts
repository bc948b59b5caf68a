/**
 * The password rules the portal guide states (length, classes, history,
 * expiry and its reminders): the defaults and the public policy route must
 * both publish them.
 */
export const GUIDE_PASSWORD_POLICY = {
  minLength: 8,
  minClasses: 3,
  historyCount: 5,
  maxAgeDays: 90,
  reminderDays: 14,
  notifyDays: 7,
} as const;
