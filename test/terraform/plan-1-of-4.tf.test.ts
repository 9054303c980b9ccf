import { planShard } from './plan-recorded';

planShard(0);
