// The parts of camunda-external-task-client-js (untyped) that the compatibility test drives.
declare module 'camunda-external-task-client-js' {
  export class Variables {
    set(name: string, value: unknown): Variables;
    get(name: string): unknown;
  }
  export type Task = { id: string; retries: number | null; variables: Variables; topicName: string; businessKey: string | null };
  export type TaskService = {
    complete(task: Task, variables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
  };
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
  export class Client {
    constructor(options: Record<string, unknown>);
    subscribe(topic: string, handler: (args: { task: Task; taskService: TaskService }) => Promise<void>): unknown;
    stop(): void;
  }
}
