/** The canteen workplace's words, zh-CN first; merged into the app's messages by i18n.ts (keys start with "can."). */
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
