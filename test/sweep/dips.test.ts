import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dipsOf } from '../../src/sweep/dips.js';
import { ROOT } from '../cli/run-cli.js';

describe('dips read from workloads.csv', () => {
  it("zone-outage's golden series: web 6 of 9 from 175 s, back at 501 s (summary.json's 326 s below desired)", () => {
    const csv = fs.readFileSync(path.join(ROOT, 'test/golden/zone-outage/workloads.csv'), 'utf8');
    const summary = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/golden/zone-outage/summary.json'), 'utf8'));
    const dips = dipsOf(csv, 900);
    expect(dips).toEqual([{ workload: 'deployment/web', namespace: 'default', start_s: 175, length_s: 326, depth: 3 }]);
    expect(summary.workloads.web.time_below_desired_s).toBe(326);
  });

  it('the initial rollout is no dip; a dip still open runs to the end; Jobs have none', () => {
    const csv = [
      'time_s,kind,namespace,name,desired,available,active,succeeded,failed',
      '0.000,Deployment,default,web,3,0,,,',
      '0.000,Job,default,batch,2,,2,0,0',
      '2.000,Deployment,default,web,3,3,,,',
      '10.000,Deployment,default,web,3,2,,,',
      '12.000,Deployment,default,web,3,1,,,',
      '20.000,Deployment,default,web,3,3,,,',
      '30.000,DaemonSet,kube-system,agent,0,0,,,',
      '31.000,DaemonSet,kube-system,agent,2,2,,,',
      '40.000,Deployment,default,web,3,2,,,',
      '',
    ].join('\n');
    expect(dipsOf(csv, 50)).toEqual([
      { workload: 'deployment/web', namespace: 'default', start_s: 10, length_s: 10, depth: 2 },
      { workload: 'deployment/web', namespace: 'default', start_s: 40, length_s: 10, depth: 1 },
    ]);
  });
});
