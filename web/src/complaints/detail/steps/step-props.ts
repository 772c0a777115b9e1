import type { Complaint } from '../../complaints.api';
import type { SetupView } from '../../use-complaint-setup';

/** What every step panel gets: the complaint, the set-up, and where to hand the complaint as it now is. */
export type StepProps = { complaint: Complaint; setup: SetupView; onChanged: (updated: Complaint) => void };
