import { mount } from './shell.tsx';

mount({});
