import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';

/**
 * The running example of van der Aalst's Process Mining (table 1.1): six cases, whose traces the
 * book writes abdeh, adceg, acdefbdeg, adbeh, acdefdcefcdeh, acdeg with a register request,
 * b examine thoroughly, c examine casually, d check ticket, e decide, f reinitiate request,
 * g pay compensation, h reject request.
 */
export const RUNNING_EXAMPLE_ACTIVITIES = ['register request', 'examine thoroughly', 'examine casually', 'check ticket', 'decide', 'reinitiate request', 'pay compensation', 'reject request'];

/** The running example's CSV (../shared/data/logs/running-example.csv) mapped for import. */
export const RUNNING_EXAMPLE_MAPPING = { caseColumn: 'case:concept:name', activityColumn: 'concept:name', timestampColumn: 'time:timestamp', resourceColumn: 'org:resource' };

const TASKS = RUNNING_EXAMPLE_ACTIVITIES.map((name, i) => `<bpmn:task id="${['register', 'thorough', 'casual', 'check', 'decide', 'reinitiate', 'pay', 'reject'][i]}" name="${name}"/>`).join('\n    ');

/**
 * The running example's process as the book draws it (fig. 1.1): register the request; then, in
 * parallel, examine it (thoroughly or casually) and check the ticket; decide; then reinitiate
 * (back to the examination and check), pay compensation, or reject.
 */
export const COMPENSATION_BPMN = bpmn('compensationRequest', `
    <bpmn:startEvent id="start"/>${TASKS}
    <bpmn:exclusiveGateway id="again"/><bpmn:parallelGateway id="fork"/><bpmn:exclusiveGateway id="examine"/><bpmn:exclusiveGateway id="examined"/>
    <bpmn:parallelGateway id="join"/><bpmn:exclusiveGateway id="outcome"/>
    <bpmn:endEvent id="paid"/><bpmn:endEvent id="rejected"/>
${flows('start->register', 'register->again', 'again->fork', 'fork->examine', 'examine->thorough', 'examine->casual', 'thorough->examined', 'casual->examined', 'examined->join', 'fork->check', 'check->join', 'join->decide', 'decide->outcome', 'outcome->reinitiate', 'reinitiate->again', 'outcome->pay', 'outcome->reject', 'pay->paid', 'reject->rejected')}`);

/** A different model of the same process: the ticket is checked only after the examination. */
export const SEQUENTIAL_BPMN = bpmn('compensationSequential', `
    <bpmn:startEvent id="start"/>${TASKS}
    <bpmn:exclusiveGateway id="examine"/><bpmn:exclusiveGateway id="examined"/><bpmn:exclusiveGateway id="outcome"/>
    <bpmn:endEvent id="paid"/><bpmn:endEvent id="rejected"/>
${flows('start->register', 'register->examine', 'examine->thorough', 'examine->casual', 'thorough->examined', 'casual->examined', 'examined->check', 'check->decide', 'decide->outcome', 'outcome->reinitiate', 'reinitiate->examine', 'outcome->pay', 'outcome->reject', 'pay->paid', 'reject->rejected')}`);
