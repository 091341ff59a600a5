import { adopterRecords } from '../recruitment/index.ts';
import { adopterAccounts } from '../organisations/index.ts';

/**
 * What the portal reads and writes, each asked of the module that owns it: the household record of
 * recruitment, the adopter's account and invitations of organisations. The portal owns no table.
 */

export type HouseholdRow = adopterRecords.HouseholdRow;
export type ApplicantRow = adopterRecords.ApplicantRow;
export type UserRow = adopterAccounts.UserRow;
export type InvitationRow = adopterAccounts.InvitationRow;

export const { getHousehold, getApplicantOfHousehold, applicantsOfHousehold, applicantOfUser, linkAdopter, checksOfHousehold } = adopterRecords;
export const {
  organisationName,
  userName,
  getUser,
  findUserByEmail,
  insertAdopterUser,
  updateAdopterContact,
  revokeOpenInvitations,
  insertInvitation,
  invitationsOfUsers,
  invitationByTokenHash,
  markInvitationAccepted,
} = adopterAccounts;
