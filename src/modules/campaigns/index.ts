/**
 * The front door of the campaigns module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Recruitment campaigns and the enquiry funnel they feed.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { CONSIDERATION_RULES, median } from './funnel.ts';
export { campaignDirectory, campaignSpendByMonth, funnelAggregates } from './repository.ts';
export { campaignRoutes } from './routes.ts';
export { createCampaignsService, seedSyntheticRecruitment } from './service.ts';
export { generateCampaigns, type SyntheticCampaign } from './synthetic.ts';
