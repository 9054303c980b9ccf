import { planShard } from './plan-recorded';

planShard(2);
