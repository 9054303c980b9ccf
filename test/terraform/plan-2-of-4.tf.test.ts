import { planShard } from './plan-recorded';

planShard(1);
