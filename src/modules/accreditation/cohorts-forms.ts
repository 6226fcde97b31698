import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { attendanceStatuses } from './cohorts-domain.ts';

const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const isoDate = (missing: string) => z.iso.date({ error: missing });

export const cohortForm = z.object({
  name: requiredText('Enter a name for the cohort', 'Name', 120),
  startsOn: isoDate('Enter the start date'),
  endsOn: isoDate('Enter the end date'),
  partnerNetworkIds: z.preprocess(asList, z.array(z.uuid('Choose partner networks from the list')).max(20)),
  leadId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('Choose the lead from the list').optional()).transform((v) => v ?? null),
  maxMenteesPerMentor: z.coerce
    .number({ error: 'Enter how many candidates a mentor may take, from 1 to 10' })
    .int('Enter how many candidates a mentor may take, from 1 to 10')
    .min(1, 'Enter how many candidates a mentor may take, from 1 to 10')
    .max(10, 'Enter how many candidates a mentor may take, from 1 to 10'),
  halfTermlyMeetings: z.preprocess((v) => v === 'yes', z.boolean()),
});

export const enrolForm = z.object({
  personId: z.uuid({ error: 'Choose the person to enrol' }),
  headConsentName: requiredText('Enter the name of the headteacher who consented', 'Headteacher', 120),
  headConsentOn: isoDate('Enter the date the headteacher consented'),
});

export const meetingForm = z.object({
  heldOn: isoDate('Enter the date of the meeting'),
  meetingTitle: requiredText('Enter a title for the meeting', 'Title', 200),
  venue: optionalText('Venue', 200),
});

export const groupForm = z.object({
  groupName: requiredText('Enter a name for the group', 'Name', 120),
  focus: optionalText('Focus', 500),
  candidateIds: z.preprocess(asList, z.array(z.uuid('Choose candidates from the list')).max(50)),
});

export const attendanceForm = z.record(z.string(), z.enum(attendanceStatuses, { error: 'Choose present, apologies or absent' }));

export const mentorForm = z.object({
  candidateId: z.uuid({ error: 'Choose the candidate' }),
  mentorId: z.uuid({ error: 'Choose the mentor' }),
  startsOn: isoDate('Enter the start date'),
  endsOn: isoDate('Enter the end date'),
});

export const rotationQuery = z.object({
  periods: z.coerce.number().int().min(1).max(6).catch(3).default(3),
  mentorIds: z.preprocess(asList, z.array(z.uuid()).max(100)).catch([]),
});

/** A confirmed rotation comes back as `pairing` fields: candidateId|mentorId|startsOn|endsOn. */
export const rotationForm = z.object({
  pairing: z.preprocess(
    asList,
    z
      .array(
        z
          .string()
          .regex(/^[0-9a-f-]{36}\|[0-9a-f-]{36}\|\d{4}-\d{2}-\d{2}\|\d{4}-\d{2}-\d{2}$/i, 'The proposal was changed: propose it again'),
      )
      .min(1, 'Propose a rotation first'),
  ),
});
