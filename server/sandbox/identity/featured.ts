/** Who a demo names for people to try it as: shown first, with what they are in the demo. */
export const featuredRoles = ['hr', 'mentor', 'mentee'] as const;
export type FeaturedRole = (typeof featuredRoles)[number];
