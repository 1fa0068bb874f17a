import { createRoot } from 'react-dom/client';
import { takeToken } from '../bridge/http-bridge';
import { Board } from './Board';

createRoot(document.getElementById('board')!).render(<Board token={takeToken()} />);
