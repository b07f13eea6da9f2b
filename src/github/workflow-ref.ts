/**
 * A re-dispatch names the workflow by its file name. The comment run learns it from
 * `GITHUB_WORKFLOW_REF`, which reads `owner/repo/.github/workflows/<file>@refs/...`.
 */

const WORKFLOW_REF = /^[^/]+\/[^/]+\/\.github\/workflows\/([^/@]+\.ya?ml)@\S+$/;

/** The workflow file name (`taskmaster.yml`) in a `GITHUB_WORKFLOW_REF` value. Throws when there is none. */
export function workflowFileFromRef(workflowRef: string): string {
  const file = WORKFLOW_REF.exec(workflowRef.trim())?.[1];
  if (file === undefined) {
    throw new Error(
      `Invalid workflow ref '${workflowRef}'. Expected 'owner/repo/.github/workflows/<file>.yml@<ref>', ` +
        'as GitHub sets it in GITHUB_WORKFLOW_REF; run the action from a workflow, not a local script.',
    );
  }
  return file;
}
