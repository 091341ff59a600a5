import type { Role } from './roles.ts';

/** Roles who work with children's records (row-level security names the same list). */
const PRACTITIONERS = [
  'family_finder',
  'social_worker',
  'therapeutic_social_worker',
  'clinical_psychologist',
  'service_manager',
  'la_referrer',
] as const satisfies readonly Role[];

/** The agency's adoption social workers: they assess adopters and find families. */
const ADOPTION_WORKERS = ['family_finder', 'social_worker', 'service_manager'] as const satisfies readonly Role[];

/** The clinical team: psychologists and therapeutic social workers (agency or clinical partner). */
const CLINICAL_TEAM = ['clinical_psychologist', 'therapeutic_social_worker'] as const satisfies readonly Role[];

/** The agency's people who keep its accounts: the finance officer and the service manager who answers for the money. */
const FINANCE = ['finance_officer', 'service_manager'] as const satisfies readonly Role[];

/**
 * Every action a route or service may perform, with the roles that may perform it.
 * The scope (whose records) is decided per resource in policy.ts.
 */
export const ACTIONS = {
  /** Pages anyone may see, signed in or not. */
  'public.view': 'everyone',
  /** The signed-in person's own home, account, security and tokens. */
  'home.view': 'signed-in',
  'account.view': 'signed-in',
  'account.edit': 'signed-in',
  'account.tokens.manage': [
    'family_finder',
    'social_worker',
    'therapeutic_social_worker',
    'clinical_psychologist',
    'service_manager',
    'finance_officer',
    'la_referrer',
    'funder',
    'research_partner',
    'administrator',
  ],
  /** People and organisations. Service managers see their own organisation's staff list. */
  'users.list': ['administrator', 'service_manager'],
  'users.view': ['administrator', 'service_manager'],
  'users.create': ['administrator'],
  'users.edit': ['administrator'],
  'users.disable': ['administrator'],
  /**
   * Unlock an account that failed sign-ins have locked (it would unlock by itself after the window):
   * the person rang the administrator and may sign in at once.
   */
  'users.unlock': ['administrator'],
  /** End every session of a person (a lost laptop, a shared computer): their own organisation's administrator. */
  'users.sessions.end': ['administrator'],
  /** See where a person is signed in (device, times) before ending their sessions: the same administrator. */
  'users.sessions.view': ['administrator'],
  'organisations.list': ['administrator'],
  'organisations.create': ['administrator'],
  'organisations.edit': ['administrator'],
  'audit.view': ['administrator'],
  'audit.verify': ['administrator'],
  /** One queued e-mail as it was written (`together outbox show`): the platform's administrator. */
  'outbox.view': ['administrator'],
  /** The outbox in counts (sent, failed, retried by template and day): no bodies, no addresses. */
  'outbox.summary': ['administrator'],
  /**
   * Records kept for their time (src/modules/retention): the review list of records past their
   * period, legal holds, and destroying what is due and not held. The organisation's administrator.
   */
  'retention.review': ['administrator'],
  'retention.hold': ['administrator'],
  'retention.destroy': ['administrator'],
  /** The agency's own retention periods (enquiries, unsuccessful applications, leavers): versioned, audited, with a reason. */
  'retention.configure': ['service_manager', 'administrator'],
  /** Everything held on one person, gathered for their subject access request (src/modules/subject-access). */
  'subjectAccess.export': ['administrator'],
  /**
   * The header search: staff who may list at least one kind of record it finds (children,
   * referrals, households, people). What each finds is decided per kind by that kind's own list
   * action and row-level security (src/modules/search).
   */
  'search.run': [...PRACTITIONERS, 'administrator'],
  /** Children who wait: referral by the local authority, decision and family finding by the agency. */
  'referrals.create': ['la_referrer'],
  'referrals.view': ['la_referrer', 'family_finder', 'service_manager'],
  'referrals.decide': ['family_finder', 'service_manager'],
  'children.list': [...PRACTITIONERS],
  'children.view': [...PRACTITIONERS],
  'children.edit': ['family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  'children.export': ['family_finder', 'service_manager'],
  /** Show the child's profile, anonymised, to the agency's approved families: whoever may edit the child. */
  'children.shareProfile': ['family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  'children.import': ['la_referrer'],
  'aces.view': [...PRACTITIONERS],
  'aces.edit': ['family_finder', 'social_worker', 'clinical_psychologist', 'la_referrer'],
  /** Cohort ACE analysis: the agency sees exact figures; others see disclosure-controlled aggregates. */
  'analytics.aces': ['family_finder', 'service_manager', 'clinical_psychologist', 'la_referrer', 'funder', 'research_partner'],
  'siblingGroups.view': [...PRACTITIONERS],
  'siblingGroups.edit': ['family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  /**
   * The agency's thresholds for children who wait (priority, waiting clocks, the ACE comparator,
   * disclosure control): a practice decision, so the service manager's. Extended ACE categories are
   * the agency's vocabulary: the service manager, or the administrator who keeps reference data.
   */
  'children.configure': ['service_manager'],
  'aceCategories.manage': ['service_manager', 'administrator'],
  /** Specialised recruitment: anyone may enquire; the agency's adoption workers assess households. */
  'enquiries.submit': 'everyone',
  'enquiries.view': [...ADOPTION_WORKERS],
  'households.list': [...ADOPTION_WORKERS, 'therapeutic_social_worker'],
  'households.view': [...ADOPTION_WORKERS, 'therapeutic_social_worker'],
  'households.create': [...ADOPTION_WORKERS],
  'households.edit': [...ADOPTION_WORKERS],
  'households.transition': [...ADOPTION_WORKERS],
  'households.invite': [...ADOPTION_WORKERS],
  /** Timescales across every household (the manager's view; workers see their own on the home page). */
  'recruitment.overview': [...ADOPTION_WORKERS],
  'campaigns.view': [...ADOPTION_WORKERS],
  'campaigns.edit': ['family_finder', 'service_manager'],
  /** Preparation training: courses, sessions, bookings, attendance and certificates. */
  'courses.view': [...ADOPTION_WORKERS, 'therapeutic_social_worker', 'clinical_psychologist'],
  'courses.edit': [...ADOPTION_WORKERS, 'therapeutic_social_worker'],
  /** The agency's training settings: how many days before a session its booked places are reminded. */
  'training.configure': ['service_manager', 'administrator'],
  'bookings.edit': [...ADOPTION_WORKERS, 'therapeutic_social_worker'],
  /**
   * Case documents of a child, a sibling group, a household or a match (permanence reports, court
   * orders, panel minutes): whoever works with the record reads them, as far as each document's
   * visibility allows (document-visibility.ts); the same people attach them and add versions.
   */
  'caseDocuments.view': [...PRACTITIONERS],
  'caseDocuments.upload': [...PRACTITIONERS],
  /** The adoptive family's own view of their application (their household only). */
  'portal.view': ['adopter'],
  /**
   * The portal's messages and documents between a family and its allocated workers. An adopter
   * reaches their own household only; a worker the households allocated to them (or threads handed
   * to them); the service manager every household of the agency (policy.ts narrows the rest).
   */
  'portalMessages.view': [...ADOPTION_WORKERS, 'adopter'],
  'portalMessages.send': [...ADOPTION_WORKERS, 'adopter'],
  'portalMessages.reassign': ['service_manager'],
  'portalDocuments.view': [...ADOPTION_WORKERS, 'adopter'],
  'portalDocuments.upload': ['adopter'],
  'portalDocuments.request': [...ADOPTION_WORKERS],
  'portalDocuments.share': [...ADOPTION_WORKERS],
  'portalDocuments.review': [...ADOPTION_WORKERS],
  /**
   * Children waiting whose workers chose to show their profiles: an approved family sees them
   * anonymised and may express interest (and withdraw it); the agency's adoption workers read the
   * interests in a child and answer each, a link explored or not taken forward with its reason.
   */
  'waitingChildren.view': ['adopter'],
  'interests.express': ['adopter'],
  'interests.withdraw': ['adopter'],
  'interests.view': [...ADOPTION_WORKERS],
  'interests.answer': [...ADOPTION_WORKERS],
  /** Following an invitation link to set a password: the link is the credential. */
  'invitations.accept': 'everyone',
  /** Matching: recommendations and the whole picture for the agency; the children's authority agrees its children's matches. */
  'matching.recommendations': [...ADOPTION_WORKERS],
  'matching.overview': ['family_finder', 'service_manager'],
  'matching.configure': ['service_manager', 'administrator'],
  /**
   * The recruitment gap: which family profiles would place the most waiting children. The agency's
   * family finders and manager see the children behind each figure; a local authority referrer only
   * counts of its own children and a funder only counts, both disclosure-controlled. The manager
   * writes candidate profiles by hand.
   */
  'matching.recruitmentGap': ['family_finder', 'service_manager', 'la_referrer', 'funder'],
  'matching.recruitmentGap.children': ['family_finder', 'service_manager'],
  'matching.recruitmentGap.edit': ['service_manager'],
  'matches.view': [...PRACTITIONERS],
  'matches.create': [...ADOPTION_WORKERS],
  'matches.progress': [...ADOPTION_WORKERS],
  'matches.agree': ['la_referrer'],
  'transitionPlans.edit': [...ADOPTION_WORKERS, 'therapeutic_social_worker'],
  /** Therapeutic preparation: Team Around the Child, consultations, formulations, adopters' preparation. */
  'tac.view': [...PRACTITIONERS],
  'tac.edit': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'tacActions.complete': [...PRACTITIONERS],
  'consultations.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'consultations.edit': ['clinical_psychologist'],
  'formulations.view': [...PRACTITIONERS],
  'formulations.edit': ['clinical_psychologist'],
  'adopterPreparation.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'adopterPreparation.edit': [...CLINICAL_TEAM, 'family_finder', 'social_worker'],
  /** Ongoing support after placement. Session notes: the clinical team and the allocated worker (decided per record). */
  'support.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'support.edit': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'supportNotes.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'supportRequests.create': [...CLINICAL_TEAM, ...ADOPTION_WORKERS, 'adopter'],
  'supportRequests.manage': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'stability.view': ['family_finder', 'service_manager'],
  /**
   * Children's outcomes over time (src/modules/outcomes). Instruments are reference data. A child's
   * scores: the clinical team and the worker allocated to the child (policy.ts narrows the others to
   * their allocated children); the child's local authority reads its own children's bands, never the
   * scores. The cohort report: exact inside the agency, disclosure-controlled for anyone else.
   */
  'instruments.view': 'signed-in',
  'instruments.manage': ['administrator'],
  'outcomes.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS, 'la_referrer'],
  'outcomes.edit': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'outcomes.cohort': ['service_manager', ...CLINICAL_TEAM, 'la_referrer', 'funder', 'research_partner'],
  /** The children behind a figure of the cohort: the agency's staff only (the service refuses other organisations). */
  'outcomes.cohortChildren': ['service_manager', ...CLINICAL_TEAM],
  /** Families' satisfaction with their placement, by item and over time: the service manager's. */
  'outcomes.satisfaction': ['service_manager'],
  /** A family answering its own questionnaires in the portal (their household only). */
  'questionnaires.answer': ['adopter'],
  /**
   * The partners' satisfaction (outcomes, partner-service.ts). A local authority's referrer answers for
   * the children their authority placed with the agency, and reads back their own authority's answers
   * disclosure-controlled, never a comment. The agency's and the clinical partner's workers answer the
   * workers' questionnaire about the training, supervision and support they receive (anonymously; the
   * service manager, who reads the report, does not answer it).
   */
  'satisfaction.authorityAnswer': ['la_referrer'],
  'satisfaction.authorityResults': ['la_referrer'],
  'satisfaction.workerAnswer': [...CLINICAL_TEAM, 'family_finder', 'social_worker'],
  /**
   * Placement success (outcomes): the agency's managers and family finders see exact figures and the
   * children behind them; a local authority referrer its own children's figures, and a funder every
   * agency's, both disclosure-controlled and never a list.
   */
  'placementSuccess.view': ['family_finder', 'service_manager', 'la_referrer', 'funder'],
  'placementSuccess.children': ['family_finder', 'service_manager'],
  /** The workforce: training records and clinical supervision. */
  'staffTraining.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'staffTraining.edit': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'supervision.view': [...CLINICAL_TEAM, ...ADOPTION_WORKERS],
  'supervision.edit': ['clinical_psychologist', 'service_manager'],
  /** Everyone's week: the "my work" page and a private calendar feed (the feed's token is the credential). */
  'myWork.view': [...PRACTITIONERS],
  'calendar.manage': [...PRACTITIONERS],
  'calendar.feed': 'everyone',
  /**
   * Research under data-sharing agreements: the agency's administrator and service manager make the
   * agreements; the research partner named in one reads it and makes and downloads its extracts.
   */
  'researchAgreements.view': ['administrator', 'service_manager', 'research_partner'],
  'researchAgreements.create': ['administrator', 'service_manager'],
  'researchAgreements.amend': ['administrator', 'service_manager'],
  'researchExtracts.create': ['research_partner'],
  'researchExtracts.download': ['research_partner'],
  /**
   * Reports to funders and commissioning local authorities: the agency's service manager previews and
   * issues them (gathering the figures reads the agency's records, and the service manager answers for
   * what leaves the agency); the funder's and the authority's people read and download only the reports
   * issued to their organisation (decided per report). The agency's administrator reads what the agency
   * issued (published aggregates, never a record) but does not issue: the page says who does.
   */
  'reports.issue': ['service_manager'],
  'reports.view': ['service_manager', 'administrator', 'funder', 'la_referrer'],
  /**
   * Money in: agreements with authorities, the fees the workflow raises, invoices, payments and
   * statements. The agency's finance people keep them; a local authority's referrers read their own
   * authority's (decided per record: the authority is the record's sharing organisation).
   */
  'agreements.view': [...FINANCE, 'la_referrer'],
  'agreements.edit': [...FINANCE],
  'feeRates.view': [...FINANCE],
  'feeRates.edit': [...FINANCE],
  /** The agency's billing choices (whether a disrupted placement takes back its placement fees). */
  'billingSettings.edit': [...FINANCE],
  'feeEvents.view': [...FINANCE, 'la_referrer'],
  'feeEvents.reverse': [...FINANCE],
  'invoices.view': [...FINANCE, 'la_referrer'],
  'invoices.issue': [...FINANCE],
  'payments.view': [...FINANCE, 'la_referrer'],
  'payments.record': [...FINANCE],
  'statements.view': [...FINANCE, 'la_referrer'],
  'finance.export': [...FINANCE],
  /**
   * What the work costs, cost recovery and the financial return: the agency's own figures (its staff
   * rates and margins are its business, not the paying authority's), kept by its finance people.
   */
  'financeCosts.view': [...FINANCE],
  'financeCosts.configure': [...FINANCE],
  'financeCosts.record': [...FINANCE],
  'financialReturn.view': [...FINANCE],
  'financialReturn.configure': [...FINANCE],
  /**
   * The platform's named system jobs (system-jobs.ts): no person may; each job's actor starts with
   * its own and may do only what its job lists.
   */
  'system.signIn': [],
  'system.organisationSignIn': [],
  'system.session': [],
  'system.secondFactor': [],
  'system.totpEnrolment': [],
  'system.signOut': [],
  'system.keptFormPage': [],
  'system.apiToken': [],
  'system.firstAdministrator': [],
  'system.publicEnquiry': [],
  'system.invitation': [],
  'system.calendarFeed': [],
  'system.shareWithClinicalPartner': [],
  'system.familyFirstNames': [],
  'system.adopterLinkProfile': [],
  'system.sharedChildProfiles': [],
  'system.aggregateAces': [],
  'system.researchExtract': [],
  'system.costOfWork': [],
  'system.supportYears': [],
  'system.aggregateOutcomes': [],
  'system.aggregatePlacementSuccess': [],
  'system.aggregateRecruitmentGap': [],
  'system.questionnaireReminders': [],
  'system.notificationContacts': [],
  'system.trainingReminders': [],
  'system.retention': [],
  'system.accountUnlock': [],
  'system.subjectAccess': [],
  'system.operator': [],
  'system.demo': [],
  'system.testFixtures': [],
} as const satisfies Record<string, 'everyone' | 'signed-in' | readonly Role[]>;

export type Action = keyof typeof ACTIONS;
